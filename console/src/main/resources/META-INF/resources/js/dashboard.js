'use strict';
(function () {
  const session = Session.require();
  renderHeader(session);
  const messages = document.getElementById('messages');
  const select = document.getElementById('project');
  let projects = [];
  const charts = {};
  const project = () => projects.find(p => p.projectId === select.value);
  const fixed = (v, digits) => (v === null || v === undefined) ? '—' : Number(v).toFixed(digits);
  const chart = id => charts[id] || (charts[id] = echarts.init(document.getElementById(id)));
  const calibration = document.getElementById('calibration');
  const learningChart = document.getElementById('chart-learning');
  const learningNote = document.getElementById('learning-note');

  function progress(report) {
    const states = Object.keys(report.items || {});
    chart('chart-progress').setOption({
      tooltip: {}, xAxis: { type: 'category', data: states }, yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: 'items', data: states.map(s => report.items[s]) }]
    }, true);
    document.getElementById('forecast').textContent = `${report.totalItems} items, ${report.remainingLabels} labels to go; `
      + (report.hoursToCompletion === null || report.hoursToCompletion === undefined ? 'no forecast until labels arrive'
        : `about ${fixed(report.hoursToCompletion, 1)} h to completion, ${fixed(report.annotatorHours, 1)} annotator hours, cost ${fixed(report.remainingCost, 2)}`) + '.';
  }

  function agreement(view, labels) {
    const points = (view.history || []).map(s => [s.takenAt, s.report ? s.report.alpha : null, s.report ? s.report.fleissKappa : null]);
    // the current figures as the latest point, so that a young project shows where it stands now
    points.push([new Date().toISOString(), view.current.alpha, view.current.fleissKappa]);
    chart('chart-agreement').setOption({
      tooltip: { trigger: 'axis' }, legend: { data: ["Krippendorff's alpha", "Fleiss' kappa"] },
      xAxis: { type: 'time' }, yAxis: { type: 'value', min: -1, max: 1 },
      series: [
        { name: "Krippendorff's alpha", type: 'line', showSymbol: true, data: points.map(p => [p[0], p[1]]) },
        { name: "Fleiss' kappa", type: 'line', showSymbol: true, data: points.map(p => [p[0], p[2]]) }]
    }, true);
    const index = Object.fromEntries(labels.map((l, i) => [l, i]));
    const cells = [];
    let max = 1;
    for (const pair of view.current.confusedPairs || []) {
      if (index[pair.first] === undefined || index[pair.second] === undefined) { continue; }
      cells.push([index[pair.first], index[pair.second], pair.count], [index[pair.second], index[pair.first], pair.count]);
      max = Math.max(max, pair.count);
    }
    chart('chart-confusion').setOption({
      tooltip: {}, xAxis: { type: 'category', data: labels }, yAxis: { type: 'category', data: labels },
      visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0 },
      grid: { bottom: 70 },
      series: [{ type: 'heatmap', name: 'disagreements', data: cells, label: { show: true } }]
    }, true);
    document.querySelector('#per-label tbody').replaceChildren(...(view.current.perLabel || []).map(l =>
      el('tr', {}, el('td', { text: l.label }), el('td', { text: fixed(l.kappa, 3) }), el('td', { text: fixed(l.share * 100, 0) + ' %' }))));
  }

  function annotators(list) {
    document.querySelector('#annotators tbody').replaceChildren(...list.map(a => el('tr', {},
      el('td', { text: a.annotatorId }), el('td', { text: String(a.status || '—') }), el('td', { text: String(a.labelCount) }),
      el('td', { text: a.goldAccuracy === null || a.goldAccuracy === undefined ? '—' : fixed(a.goldAccuracy * 100, 0) + ' % of ' + a.goldAnswered }),
      el('td', { text: a.consensusAgreement === null || a.consensusAgreement === undefined ? '—' : fixed(a.consensusAgreement * 100, 0) + ' %' }),
      el('td', { text: fixed(a.medianSecondsPerLabel, 1) }), el('td', { text: (a.flags || []).join(', ') }))));
  }

  async function refresh() {
    messages.replaceChildren();
    const p = project();
    if (!p) { return; }
    const base = '/projects/' + p.projectId + '/quality';
    const tasks = [
      api('quality', 'GET', base + '/progress').then(r => progress(r.body)),
      api('quality', 'GET', base + '/agreement').then(r => agreement(r.body, (p.schema.labels || []).map(l => l.name)),
        e => showProblem(document.getElementById('agreement-note'), e)),
      api('quality', 'GET', base + '/annotators').then(r => annotators(r.body || [])),
      api('quality', 'GET', base + '/calibration').then(r => PilotAndModel.calibration(calibration, r.body),
        e => showProblem(calibration, e)),
      api('learning', 'GET', '/projects/' + p.projectId + '/models').then(r => PilotAndModel.learningCurve(learningChart, learningNote, r.body || []),
        e => { learningChart.hidden = true; showProblem(learningNote, e); }),
      DatasetPanel.show(p)
    ];
    const failures = (await Promise.allSettled(tasks)).filter(t => t.status === 'rejected');
    if (failures.length) { showProblem(messages, failures[0].reason); }
  }

  DatasetPanel.bind();
  document.getElementById('refresh').addEventListener('click', refresh);
  select.addEventListener('change', refresh);
  window.addEventListener('resize', () => {
    Object.values(charts).forEach(c => c.resize());
    const learning = echarts.getInstanceByDom(learningChart);
    if (learning) { learning.resize(); }
  });

  loadProjectPicker(select, document.getElementById('refresh'), messages, ['MANAGER', 'REVIEWER'], 'You manage or review no project yet.').then(list => {
    projects = list;
    if (!projects.length) {
      document.getElementById('export-dataset').disabled = true;
      document.getElementById('create-release').disabled = true;
      return;
    }
    refresh();
  }).catch(e => showProblem(messages, e));
})();
