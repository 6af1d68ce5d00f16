package io.labelstream.quality.service;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Gives a project the last crowd-model fit of {@link CrowdModelRefit} as soon as its labelling completes, rather
 * than once its labels have been quiet for {@code refit-when-quiet-for}: the manager who completes a DAWID_SKENE
 * project reads batch EM's consensus at once. Labels still in flight when it completes come after this fit; the
 * quiet-time fit covers them, as it covers a completion fit that failed.
 */
@ApplicationScoped
public class CompletedProjectRefit {

    private final CrowdModelRefit refits;

    public CompletedProjectRefit(CrowdModelRefit refits) {
        this.refits = refits;
    }

    /**
     * After the project event that completed the project committed: fits its model over all of its labels if
     * it uses Dawid–Skene and got labels since its last fit, in a transaction of its own, and publishes what
     * changed. A fit that fails is logged there and never fails the project event, which is applied already.
     */
    public void afterCommit(UUID completedProjectId) {
        refits.afterQuiet(completedProjectId);
    }
}
