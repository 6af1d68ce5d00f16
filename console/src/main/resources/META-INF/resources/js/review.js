'use strict';
(function () {
  const session = Session.require();
  renderHeader(session);
  const messages = document.getElementById('messages');
  const select = document.getElementById('project');
  const caseSection = document.getElementById('case');
  let projects = [];
  let current = null;
  let control = null;

  const project = () => projects.find(p => p.projectId === select.value);
  const percent = v => (v === null || v === undefined) ? '—' : (v * 100).toFixed(0) + ' %';

  async function refreshSide() {
    const p = project();
    if (!p) { return; }
    try {
      const pending = (await api('adjudication', 'GET', '/projects/' + p.projectId + '/reviews?state=PENDING&limit=100')).body || [];
      document.getElementById('queue').textContent = pending.length + (pending.length === 100 ? '+' : '') + ' cases waiting.';
    } catch (e) { document.getElementById('queue').textContent = ''; }
    const box = document.getElementById('overturns');
    try {
      const o = (await api('adjudication', 'GET', '/projects/' + p.projectId + '/overturns')).body;
      box.classList.remove('muted');
      box.replaceChildren(el('p', { text: `${o.overturned} of ${o.reviewed} reviewed decisions overturned (${percent(o.overturnRate)}).` }),
        el('table', {}, el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Reason' }), el('th', { scope: 'col', text: 'Reviewed' }), el('th', { scope: 'col', text: 'Overturned' }))),
          el('tbody', {}, (o.byReason || []).map(r => el('tr', {}, el('td', { text: r.reason }), el('td', { text: String(r.reviewed) }), el('td', { text: percent(r.overturnRate) }))))));
    } catch (e) { showProblem(box, e); }
  }

  function clearCase() {
    current = null; control = null;
    caseSection.hidden = true;
  }

  function show(reviewCase) {
    current = reviewCase;
    const p = project();
    const data = (reviewCase.item && reviewCase.item.data) || {};
    document.getElementById('case-heading').textContent = 'Case: ' + (reviewCase.reason || '').toLowerCase().replace(/_/g, ' ');
    const item = document.getElementById('item');
    item.replaceChildren();
    Controls.showItem(item, p.schema.taskType, data);
    const c = reviewCase.consensus;
    document.getElementById('consensus').textContent = c
      ? `${c.decision}: ${JSON.stringify(c.label)}, confidence ${percent(c.confidence)}, agreement ${percent(c.agreement)} over ${c.labelCount} labels (${c.method}).`
      : 'No consensus yet.';
    const rows = (reviewCase.annotations || []).map(a => el('tr', {},
      el('td', { text: a.annotatorId }), el('td', {}, el('code', { text: JSON.stringify(a.label) })),
      el('td', { text: a.annotatorQuality ? percent(a.annotatorQuality.goldAccuracy) : '—' }),
      el('td', { text: a.annotatorQuality ? String(a.annotatorQuality.status || '—') : '—' }),
      el('td', {}, el('button', { type: 'button', 'data-annotator': a.annotatorId, 'aria-label': 'Use the label of ' + a.annotatorId,
        onclick: () => control.set(a.label) }, 'Use this label'))));
    document.querySelector('#annotations tbody').replaceChildren(...rows);
    const predictions = reviewCase.predictions || [];
    document.getElementById('predictions').replaceChildren(...(predictions.length
      ? [el('h3', { text: 'Model predictions' }), el('ul', {}, predictions.map(pr => el('li', {}, el('code', { text: JSON.stringify(pr.label) }), ' ' + (pr.modelId || ''))))]
      : []));
    const controlNode = document.getElementById('control');
    controlNode.replaceChildren();
    control = Controls.create(controlNode, p.schema, data);
    if (c && c.label) { control.set(c.label); }
    caseSection.hidden = false;
    document.getElementById('note').value = '';
  }

  async function nextCase() {
    messages.replaceChildren();
    const p = project();
    if (!p) { return; }
    clearCase();
    try {
      const answer = await api('adjudication', 'POST', '/projects/' + p.projectId + '/reviews/lease');
      if (answer.status === 204) { showNotice(messages, 'Nothing is waiting for review.'); return; }
      show(answer.body);
    } catch (e) { showProblem(messages, e); }
  }

  async function act(action, withLabel, done) {
    if (!current) { return; }
    const body = { leaseId: current.lease.leaseId };
    const note = document.getElementById('note').value.trim();
    if (note) { body.note = note; }
    if (withLabel) {
      body.label = control.value();
      if (!body.label) { showProblem(messages, { message: 'Choose a label first.' }); return; }
    }
    try {
      await api('adjudication', 'POST', '/projects/' + current.projectId + '/reviews/' + current.itemId + '/' + action, body);
      clearCase();
      showNotice(messages, done);
      refreshSide();
    } catch (e) { showProblem(messages, e); }
  }

  document.getElementById('next-case').addEventListener('click', nextCase);
  document.getElementById('decide').addEventListener('click', () => act('decision', true, 'Decided: the gold label is published.'));
  document.getElementById('return').addEventListener('click', () => act('return', false, 'Sent back for more labels.'));
  document.getElementById('invalidate').addEventListener('click', () => act('invalidation', false, 'Invalidated: the item leaves the dataset.'));
  select.addEventListener('change', () => { clearCase(); messages.replaceChildren(); refreshSide(); });
  document.addEventListener('keydown', event => {
    if (!control || caseSection.hidden || event.target.matches('input, textarea, select')) { return; }
    if (!event.ctrlKey && !event.metaKey && !event.altKey && control.key(event)) { event.preventDefault(); }
  });

  loadProjectPicker(select, document.getElementById('next-case'), messages, ['REVIEWER'], 'You are not a reviewer in any project yet.').then(list => {
    projects = list;
    if (!projects.length) {
      return;
    }
    refreshSide();
  }).catch(e => showProblem(messages, e));
})();
