package io.labelstream.ingestion.service;

import io.labelstream.ingestion.domain.CalibrationGate;

import java.util.Locale;

/** A move from PILOT to ACTIVE refused: the pilot has not passed calibration and no override was given. */
public class CalibrationNotPassed extends RuntimeException {

    private final transient CalibrationGate.Judgement judgement;

    public CalibrationNotPassed(CalibrationGate.Judgement judgement) {
        super(describe(judgement));
        this.judgement = judgement;
    }

    public CalibrationGate.Judgement judgement() {
        return judgement;
    }

    private static String describe(CalibrationGate.Judgement j) {
        String measured = j.measuredKappa() == null ? "no kappa measured yet"
                : String.format(Locale.ROOT, "mean pairwise Cohen's kappa %.3f", j.measuredKappa());
        return "the pilot under guideline version " + j.guidelineVersion() + " is " + j.state() + " (" + measured
                + ", target " + j.targetKappa() + ", " + j.pilotItems() + " pilot items labelled by every pilot "
                + "annotator, at least " + j.minItems() + " needed); label more pilot items, revise the guidelines, "
                + "or send an \"override\" with the reason";
    }
}
