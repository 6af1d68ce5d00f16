'use strict';
(function () {
  const session = Session.require();
  renderHeader(session);
  const messages = document.getElementById('messages');
  const select = document.getElementById('project');
  const taskSection = document.getElementById('task');
  let projects = [];
  let lease = null;
  let control = null;
  let shownSchema = null;
  let shownAt = 0;
  // the recent submission being revised, or null while labelling a new task
  let revising = null;
  let recentTimer = null;

  const project = () => projects.find(p => p.projectId === select.value);

  function renderGuidelines(p) {
    const body = document.getElementById('guidelines-body');
    body.replaceChildren();
    const g = p && p.guidelines;
    if (!g || (!g.text && !(g.examples || []).length && !(g.edgeCases || []).length)) {
      body.append(el('p', { class: 'muted', text: 'This project has no guidelines yet.' }));
      return;
    }
    body.classList.remove('muted');
    body.append(el('p', { class: 'muted', text: 'Version ' + g.version }));
    if (g.text) { body.append(el('p', { style: 'white-space:pre-wrap', text: g.text })); }
    if ((g.examples || []).length) {
      body.append(el('h3', { text: 'Examples' }), el('ul', {}, g.examples.map(e => el('li', {},
        el('code', { text: JSON.stringify(e.data) }), ' → ', el('code', { text: JSON.stringify(e.label) }), e.explanation ? ': ' + e.explanation : ''))));
    }
    if ((g.edgeCases || []).length) {
      body.append(el('h3', { text: 'Edge cases' }), el('ul', {}, g.edgeCases.map(t => el('li', { text: t }))));
    }
  }

  async function refreshStats() {
    const p = project();
    const stats = document.getElementById('stats');
    if (!p) { stats.textContent = ''; return; }
    const parts = [];
    try {
      const progress = (await api('quality', 'GET', '/projects/' + p.projectId + '/quality/progress')).body;
      const done = (progress.items.RESOLVED || 0);
      parts.push(`Project: ${done} of ${progress.totalItems} items resolved, ${progress.remainingLabels} labels to go.`);
    } catch (e) { parts.push('No progress figures yet.'); }
    try {
      const me = (await api('quality', 'GET', '/projects/' + p.projectId + '/quality/annotators/me')).body;
      parts.push(`You: ${me.labelCount} labels` + (me.goldAnswered > 0 && me.goldAccuracy !== null && me.goldAccuracy !== undefined
        ? `, gold accuracy ${(me.goldAccuracy * 100).toFixed(0)} % over ${me.goldAnswered} checks.` : ', gold accuracy not known yet.'));
    } catch (e) { /* no score before the first label */ }
    stats.textContent = parts.join(' ');
  }

  function clearTask() {
    lease = null; control = null; shownSchema = null;
    setRevising(null);
    taskSection.hidden = true;
    document.getElementById('item').replaceChildren();
    document.getElementById('control').replaceChildren();
    document.getElementById('suggestion').replaceChildren();
  }

  /** Switches the task's actions between labelling a new task and revising a submitted one. */
  function setRevising(entry) {
    revising = entry;
    document.getElementById('submit').textContent = entry ? 'Submit revision' : 'Submit';
    document.getElementById('skip-controls').hidden = !!entry;
    document.getElementById('skip').hidden = !!entry;
    document.getElementById('cancel-revision').hidden = !entry;
  }

  /** Lists the project's submissions that may still be revised, and comes back when the first window closes. */
  function renderRecent() {
    clearTimeout(recentTimer);
    const p = project();
    const now = Date.now();
    const open = p ? RecentSubmissions.open(p.projectId, now) : [];
    const section = document.getElementById('recent');
    section.hidden = !open.length;
    document.getElementById('recent-list').replaceChildren(...open.map(s => el('li', { 'data-assignment-id': s.assignmentId },
      itemSummary(s.data), ': ', el('code', { text: JSON.stringify(s.label) }),
      ' ', el('span', { class: 'muted', text: '(revisable until ' + new Date(s.windowEndsAt).toLocaleTimeString() + ')' }), ' ',
      el('button', { type: 'button', class: 'revise', 'aria-label': 'Revise ' + itemSummary(s.data), onclick: () => startRevision(s.assignmentId) }, 'Revise'))));
    if (open.length) {
      recentTimer = setTimeout(renderRecent, Math.min(...open.map(s => s.windowEndsAt)) - now + 50);
    }
  }

  /** Shows a submitted task again with its control preloaded with the submitted label. */
  function startRevision(assignmentId) {
    const entry = RecentSubmissions.find(assignmentId);
    if (!entry) { return; }
    messages.replaceChildren();
    show({ assignmentId: entry.assignmentId, assignmentToken: entry.assignmentToken, data: entry.data, schema: entry.schema });
    control.set(entry.label);
    setRevising(entry);
    document.getElementById('task-heading').textContent += ' (revising your label)';
    showNotice(messages, 'Revising a submitted label: change it and press "Submit revision".');
  }

  function show(taskLease) {
    lease = taskLease;
    setRevising(null);
    const p = project();
    const schema = taskLease.schema || p.schema;
    shownSchema = schema;
    const item = document.getElementById('item');
    const controlNode = document.getElementById('control');
    item.replaceChildren(); controlNode.replaceChildren();
    document.getElementById('suggestion').replaceChildren();
    document.getElementById('task-heading').textContent = 'Task: ' + schema.taskType.toLowerCase().replace('_', ' ');
    Controls.showItem(item, schema.taskType, taskLease.data || {});
    control = Controls.create(controlNode, schema, taskLease.data || {});
    taskSection.hidden = false;
    taskSection.dataset.assignmentId = taskLease.assignmentId;
    taskSection.dataset.taskType = schema.taskType;
    shownAt = performance.now();
    if (p.modelAssisted) { loadSuggestion(taskLease); }
    const first = controlNode.querySelector('button, [tabindex="0"]');
    if (first) { first.focus(); }
  }

  async function loadSuggestion(taskLease) {
    const region = document.getElementById('suggestion');
    try {
      const s = (await api('annotation', 'GET', '/assignments/' + taskLease.assignmentId + '/suggestion', null,
        { 'Labelstream-Assignment-Token': taskLease.assignmentToken })).body;
      if (!lease || lease.assignmentId !== taskLease.assignmentId || !s || !s.label) { return; }
      region.replaceChildren(el('div', { class: 'notice' }, 'Model suggestion: ', el('code', { text: JSON.stringify(s.label) }), ' ',
        el('button', { type: 'button', id: 'use-suggestion', onclick: () => control.set(s.label) }, 'Use suggestion')));
    } catch (e) {
      region.replaceChildren(el('p', { class: 'muted', text: 'No model suggestion for this item yet.' }));
    }
  }

  async function nextTask(prefix) {
    const said = typeof prefix === 'string' ? prefix + ' ' : '';
    messages.replaceChildren();
    if (said) { showNotice(messages, said.trim()); }
    const p = project();
    if (!p) { showNotice(messages, 'Choose a project first.'); return; }
    clearTask();
    try {
      // a lease still live (after a reload) is resumed before a new one is claimed
      const live = (await api('assignment', 'GET', '/projects/' + p.projectId + '/assignments')).body || [];
      if (live.length) { show(live[0]); return; }
      const answer = await api('assignment', 'POST', '/projects/' + p.projectId + '/tasks/next', null, { 'Idempotency-Key': newKey() });
      if (answer.status === 204) {
        const reason = answer.headers.get('Labelstream-Reason') || 'none';
        showNotice(messages, said + 'No task for you now (' + reason + ').');
        return;
      }
      show(answer.body);
    } catch (e) {
      showProblem(messages, e);
    }
  }

  async function submit() {
    if (!lease || !control) { return; }
    const label = control.value();
    if (!label) { showProblem(messages, { message: 'Choose a label first.' }); return; }
    const p = project();
    const spent = Math.round(performance.now() - shownAt);
    // a revision reports the whole time spent on the item: the first labelling and this revision
    const body = revising ? { label, revision: true, clientDurationMs: (revising.clientDurationMs || 0) + spent }
      : { label, clientDurationMs: spent };
    const wasRevision = !!revising;
    try {
      const answer = await api('annotation', 'POST', '/assignments/' + lease.assignmentId + '/annotation',
        body, { 'Labelstream-Assignment-Token': lease.assignmentToken });
      RecentSubmissions.remember(p.projectId, lease, shownSchema, answer.body, p.revisionGraceSeconds);
      clearTask();
      renderRecent();
      refreshStats();
      // after a revision, the task leased before it is resumed
      await nextTask(wasRevision ? 'Revision saved.' : 'Label saved.');
    } catch (e) {
      showProblem(messages, e);
    }
  }

  async function skip() {
    if (!lease) { return; }
    const reason = document.getElementById('skip-reason').value.trim();
    try {
      await api('assignment', 'POST', '/assignments/' + lease.assignmentId + '/release', { reason });
      document.getElementById('skip-reason').value = '';
      showNotice(messages, 'Task skipped.');
      clearTask();
    } catch (e) {
      showProblem(messages, e);
    }
  }

  document.getElementById('next-task').addEventListener('click', () => nextTask());
  document.getElementById('submit').addEventListener('click', submit);
  document.getElementById('skip').addEventListener('click', skip);
  document.getElementById('cancel-revision').addEventListener('click', () => nextTask());
  select.addEventListener('change', () => { clearTask(); messages.replaceChildren(); renderGuidelines(project()); refreshStats(); renderRecent(); });
  document.addEventListener('keydown', event => {
    if (!control || taskSection.hidden) { return; }
    const typing = event.target.matches('input, textarea, select');
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); submit(); return; }
    if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && control.key(event)) { event.preventDefault(); }
  });

  loadProjectPicker(select, document.getElementById('next-task'), messages, ['ANNOTATOR'], 'You are not an annotator in any project yet.').then(list => {
    projects = list;
    if (!projects.length) {
      return;
    }
    renderGuidelines(project());
    refreshStats();
    renderRecent();
  }).catch(e => showProblem(messages, e));
})();
