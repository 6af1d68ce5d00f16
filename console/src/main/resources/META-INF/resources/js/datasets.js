// The dashboard's dataset panel: download the current gold set, list the project's releases, create one.
'use strict';

const DatasetPanel = {
  projectId: null,
  projectName: '',

  node(id) { return document.getElementById(id); },

  /** Shows the panel for a project: its releases, and the form and export for it. */
  async show(project) {
    this.projectId = project.projectId;
    this.projectName = project.name;
    this.node('dataset-messages').replaceChildren();
    this.node('export-status').textContent = '';
    await this.refreshReleases();
  },

  async refreshReleases() {
    const note = this.node('releases-note');
    const body = document.querySelector('#releases tbody');
    try {
      const releases = (await api('adjudication', 'GET', '/projects/' + this.projectId + '/releases')).body || [];
      note.replaceChildren(releases.length ? '' : el('p', { class: 'muted', id: 'releases-none', text: 'No release of this project yet.' }));
      body.replaceChildren(...releases.map(r => el('tr', { 'data-name': r.name },
        el('td', {}, el('strong', { text: r.name }), r.description ? el('div', { class: 'muted', text: r.description }) : null),
        el('td', { text: String(r.labelCount) }),
        el('td', { text: Object.entries(r.versionCounts || {}).map(([v, n]) => `v${v}: ${n}`).join(', ') || '—' }),
        el('td', { text: new Date(r.createdAt).toLocaleString() }),
        el('td', { text: r.createdBy || '—' }),
        el('td', {}, el('code', { title: r.sha256, text: (r.sha256 || '').substring(0, 12) + '…' })),
        el('td', {}, el('button', { type: 'button', class: 'download-release', 'aria-label': 'Download release ' + r.name,
          onclick: () => this.downloadRelease(r) }, 'Download')))));
    } catch (e) {
      body.replaceChildren();
      showProblem(note, e);
    }
  },

  /**
   * The filter fields the user filled in, as the API names them. Versions go as typed (a value the API
   * cannot read comes back as its problem); the date fields, in the browser's time zone, become instants.
   */
  filter() {
    const filter = {};
    const version = (field, id) => { const v = this.node(id).value.trim(); if (v) { filter[field] = /^\d+$/.test(v) ? Number(v) : v; } };
    const instant = (field, id) => { const v = this.node(id).value; if (v) { filter[field] = new Date(v).toISOString(); } };
    version('minVersion', 'filter-min-version');
    version('maxVersion', 'filter-max-version');
    instant('decidedFrom', 'filter-decided-from');
    instant('decidedBefore', 'filter-decided-before');
    return filter;
  },

  async exportDataset() {
    const status = this.node('export-status');
    status.textContent = 'Downloading…';
    this.node('dataset-messages').replaceChildren();
    try {
      const query = new URLSearchParams(this.filter()).toString();
      const file = await apiDownload('adjudication', '/projects/' + this.projectId + '/dataset' + (query ? '?' + query : ''),
        this.fileStem() + '-gold.ndjson');
      status.textContent = `Downloaded ${file.fileName}: ${file.lines} gold labels, ${file.bytes} bytes.`;
    } catch (e) {
      status.textContent = '';
      showProblem(this.node('dataset-messages'), e);
    }
  },

  /** Downloads a release and checks its bytes against the checksum the release was created with. */
  async downloadRelease(release) {
    const messages = this.node('dataset-messages');
    try {
      const file = await apiDownload('adjudication', '/projects/' + this.projectId + '/releases/'
        + encodeURIComponent(release.name) + '/data', release.name + '.ndjson');
      const check = file.sha256 === null ? 'checksum not verified (no Web Crypto in this browser)'
        : file.sha256 === release.sha256 ? 'SHA-256 matches the release' : 'SHA-256 DIFFERS from the release: do not use this file';
      showNotice(messages, `Downloaded ${file.fileName}: ${file.lines} gold labels, ${file.bytes} bytes; ${check}.`);
    } catch (e) {
      showProblem(messages, e);
    }
  },

  async createRelease(event) {
    event.preventDefault();
    const messages = this.node('dataset-messages');
    const name = this.node('release-name').value.trim();
    const description = this.node('release-description').value.trim();
    const body = Object.assign({ name }, this.filter());
    if (description) { body.description = description; }
    try {
      const created = (await api('adjudication', 'POST', '/projects/' + this.projectId + '/releases', body)).body;
      this.node('release-name').value = '';
      this.node('release-description').value = '';
      showNotice(messages, `Release ${created.name} created: ${created.labelCount} gold labels, SHA-256 ${created.sha256}.`);
      await this.refreshReleases();
    } catch (e) {
      showProblem(messages, e);
    }
  },

  fileStem() {
    return (this.projectName || 'project').replace(/[^A-Za-z0-9._-]+/g, '-');
  },

  bind() {
    this.node('export-dataset').addEventListener('click', () => this.exportDataset());
    this.node('release-form').addEventListener('submit', event => this.createRelease(event));
  }
};
