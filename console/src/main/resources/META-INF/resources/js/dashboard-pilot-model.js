// The dashboard's pilot and model panels: the calibration report (quality) and the learning curve (learning).
'use strict';

const PilotAndModel = {
  fixed(v, digits) { return (v === null || v === undefined) ? '—' : Number(v).toFixed(digits); },

  table(id, headings, rows) {
    return el('table', { id }, el('thead', {}, el('tr', {}, headings.map(h => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, rows.map(cells => el('tr', {}, cells.map(c => el('td', { text: c }))))));
  },

  /** The pilot's verdict under the current guideline version, its annotators and every version's verdict. */
  calibration(region, report) {
    const fixed = this.fixed;
    const versions = report.byGuidelineVersion || [];
    if (!report.labelledPilotItems && versions.every(v => !v.labels)) {
      region.replaceChildren(el('p', { class: 'muted', id: 'calibration-none',
        text: 'No pilot items have been labelled in this project, so there is no calibration to report.' }));
      return;
    }
    const verdict = el('p', { id: 'calibration-verdict' },
      el('strong', { text: `Guideline version ${report.guidelineVersion}: ${report.state}` }),
      ` — mean pairwise Cohen's kappa ${fixed(report.meanCohenKappa, 3)} (target ${fixed(report.targetKappa, 2)}) over `
      + `${report.pilotItems} pilot items labelled by every pilot annotator (at least ${report.minItems} needed), `
      + `${report.labels} labels; Fleiss' kappa ${fixed(report.fleissKappa, 3)}, Krippendorff's alpha ${fixed(report.alpha, 3)}.`);
    const below = new Set(report.annotatorsBelowTarget || []);
    const parts = [verdict,
      this.table('calibration-annotators', ['Pilot annotator', 'Labels', 'Mean kappa with the others', 'Accuracy on reference items', 'Below target'],
        (report.annotators || []).map(a => [a.annotatorId, String(a.labels), fixed(a.meanKappa, 3),
          a.referenceItems ? fixed(a.referenceAccuracy * 100, 0) + ' % of ' + a.referenceItems : '—', below.has(a.annotatorId) ? 'yes' : '']))];
    if ((report.confusedPairs || []).length) {
      parts.push(el('p', { text: 'Most confused in the pilot: ' + report.confusedPairs.map(c => `${c.first} ↔ ${c.second} (${c.count})`).join(', ') + '.' }));
    }
    parts.push(el('h3', { text: 'By guideline version' }),
      this.table('calibration-versions', ['Version', 'Pilot items', 'Labels', 'Mean kappa', 'Verdict'],
        versions.map(v => [String(v.guidelineVersion), String(v.pilotItems), String(v.labels), fixed(v.meanCohenKappa, 3), v.state])));
    region.replaceChildren(...parts);
  },

  /**
   * Cross-validated macro-F1 and accuracy of each model version against the gold labels it was trained on,
   * oldest first; returns whether a chart was drawn.
   */
  learningCurve(chartNode, note, models) {
    const fixed = this.fixed;
    if (!models.length) {
      chartNode.hidden = true;
      note.replaceChildren(el('p', { class: 'muted', id: 'learning-none', text: 'No model has been trained for this project yet.' }));
      return false;
    }
    chartNode.hidden = false;
    const chart = echarts.getInstanceByDom(chartNode) || echarts.init(chartNode);
    chart.resize();
    const ordered = [...models].sort((a, b) => a.version - b.version);
    const metric = name => ordered.map(m => [m.trainingLabels, m.metrics ? m.metrics[name] : null]);
    // a few points: drawn at once, so that what the page shows is final as soon as it is set
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' }, legend: { data: ['macro-F1', 'accuracy'] },
      xAxis: { type: 'value', name: 'gold labels', nameLocation: 'middle', nameGap: 25, minInterval: 1 },
      yAxis: { type: 'value', min: 0, max: 1 },
      series: [
        { name: 'macro-F1', type: 'line', showSymbol: true, data: metric('macroF1') },
        { name: 'accuracy', type: 'line', showSymbol: true, data: metric('accuracy') }]
    }, true);
    const latest = ordered[ordered.length - 1];
    note.replaceChildren(el('p', { id: 'learning-latest', text: `Latest model: version ${latest.version}, trained on ${latest.trainingLabels} gold labels`
      + ` at ${new Date(latest.trainedAt).toLocaleString()}; cross-validated macro-F1 ${fixed(latest.metrics && latest.metrics.macroF1, 2)},`
      + ` accuracy ${fixed(latest.metrics && latest.metrics.accuracy, 2)}.` }));
    return true;
  }
};
