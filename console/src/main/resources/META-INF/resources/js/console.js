// Shared by every page: the signed-in user, calls through the console's pass-through, problem display.
'use strict';

const Session = {
  KEY: 'labelstream.session',
  get() {
    const raw = sessionStorage.getItem(this.KEY);
    return raw ? JSON.parse(raw) : null;
  },
  /** Keeps the token for this tab only; roles and name are read from it for display, never trusted here. */
  signIn(token) {
    const claims = decodeClaims(token);
    const session = { token, user: claims.upn || claims.sub || 'unknown', roles: claims.groups || [] };
    sessionStorage.setItem(this.KEY, JSON.stringify(session));
    return session;
  },
  signOut() { sessionStorage.removeItem(this.KEY); },
  require() {
    const session = this.get();
    if (!session) { location.href = '/index.html'; throw new Error('not signed in'); }
    return session;
  }
};

function decodeClaims(token) {
  const part = token.split('.')[1];
  if (!part) { throw new Error('not a JWT: a bearer token has three parts separated by dots'); }
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(decodeURIComponent(Array.from(json, c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join('')));
}

/** An answer of the API that was not a success, carrying its problem document as the API worded it. */
class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || ('HTTP ' + status));
    this.status = status;
    this.problem = problem;
  }
}

/**
 * Calls a service through the console: /api/{service}{path}. Resolves with {status, body, headers};
 * rejects with an ApiError for any status of 400 or above.
 */
async function api(service, method, path, body, headers) {
  const session = Session.get();
  const init = { method, headers: Object.assign({ 'Accept': 'application/json' }, headers || {}) };
  if (session) { init.headers['Authorization'] = 'Bearer ' + session.token; }
  if (body !== undefined && body !== null) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch('/api/' + service + path, init);
  const text = await response.text();
  let parsed = null;
  if (text) {
    try { parsed = JSON.parse(text); } catch (e) { parsed = text; }
  }
  if (response.status >= 400) {
    const problem = parsed && typeof parsed === 'object' ? parsed
      : { title: 'HTTP ' + response.status, detail: typeof parsed === 'string' ? parsed : response.statusText };
    if (!problem.status) { problem.status = response.status; }
    throw new ApiError(response.status, problem);
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/**
 * Downloads an answer of a service as a file: the call carries the bearer token (a plain link could not), the
 * bytes become a Blob behind a temporary link. Resolves with {fileName, bytes, lines, sha256} (hex, where the
 * browser offers Web Crypto); rejects with an ApiError as api() does.
 */
async function apiDownload(service, path, fallbackName) {
  const session = Session.get();
  const headers = { 'Accept': 'application/x-ndjson, application/problem+json' };
  if (session) { headers['Authorization'] = 'Bearer ' + session.token; }
  const response = await fetch('/api/' + service + path, { headers });
  if (response.status >= 400) {
    const text = await response.text();
    let problem;
    try { problem = JSON.parse(text); } catch (e) { problem = { title: 'HTTP ' + response.status, detail: text || response.statusText }; }
    if (!problem.status) { problem.status = response.status; }
    throw new ApiError(response.status, problem);
  }
  const disposition = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
  const fileName = disposition ? disposition[1] : fallbackName;
  const blob = await response.blob();
  const buffer = await blob.arrayBuffer();
  const bytes = new Uint8Array(buffer);
  const lines = bytes.reduce((n, b) => n + (b === 10 ? 1 : 0), 0);
  const sha256 = window.crypto && crypto.subtle
    ? Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', buffer)), b => b.toString(16).padStart(2, '0')).join('') : null;
  const link = el('a', { href: URL.createObjectURL(blob), download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // the browser has taken the Blob's URL for the download; release it after this turn
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
  return { fileName, bytes: bytes.length, lines, sha256 };
}

/** The console's own endpoints (not forwarded). */
async function consoleApi(path) {
  const session = Session.get();
  const response = await fetch(path, { headers: session ? { 'Authorization': 'Bearer ' + session.token } : {} });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : null;
  if (response.status >= 400) { throw new ApiError(response.status, parsed || { title: 'HTTP ' + response.status }); }
  return parsed;
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) { continue; }
    if (name.startsWith('on')) { node.addEventListener(name.substring(2), value); }
    else if (name === 'text') { node.textContent = value; }
    else { node.setAttribute(name, value === true ? '' : value); }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) { node.append(child instanceof Node ? child : document.createTextNode(String(child))); }
  }
  return node;
}

/** Shows an error in a live region: an API's problem with its title, detail and each field's reason. */
function showProblem(region, error) {
  region.replaceChildren();
  const problem = error instanceof ApiError ? error.problem : { title: 'Something went wrong', detail: error.message };
  const box = el('div', { class: 'problem', role: 'alert' },
    el('strong', { text: problem.title || ('HTTP ' + problem.status) }),
    problem.detail ? el('p', { text: problem.detail }) : null);
  if (Array.isArray(problem.errors) && problem.errors.length) {
    box.append(el('ul', {}, problem.errors.map(e => el('li', {}, el('code', { text: e.field || '' }), ': ', e.reason || ''))));
  }
  region.append(box);
}

function showNotice(region, text) {
  region.replaceChildren(el('div', { class: 'notice', role: 'status', text }));
}

/** The page header: who is signed in, the pages their roles open, sign-out. */
function renderHeader(session) {
  const header = document.querySelector('header');
  const links = [];
  if (session.roles.includes('annotator')) { links.push(el('a', { href: '/annotate.html', text: 'Label' })); }
  if (session.roles.includes('reviewer')) { links.push(el('a', { href: '/review.html', text: 'Review' })); }
  if (session.roles.includes('manager') || session.roles.includes('reviewer')) { links.push(el('a', { href: '/dashboard.html', text: 'Dashboard' })); }
  header.replaceChildren(el('strong', { text: 'Labelstream' }), el('nav', { 'aria-label': 'Pages' }, links.flatMap(l => [l, ' '])),
    el('span', { class: 'who', id: 'who', text: session.user + ' (' + session.roles.join(', ') + ')' }),
    el('button', { type: 'button', id: 'sign-out', onclick: () => { Session.signOut(); location.href = '/index.html'; } }, 'Sign out'));
}

function newKey() {
  if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, c => {
    const r = Math.random() * 16 | 0;
    return (c === 'x' ? r : (r & 0x3 | 0x8)).toString(16);
  });
}

/**
 * Fills the project picker with the caller's projects in which they hold one of {@code roles}, selecting the
 * one the URL names; with none, disables the picker and {@code actionButton} and says {@code emptyText}.
 * Returns those projects.
 */
async function loadProjectPicker(select, actionButton, messages, roles, emptyText) {
  const list = await consoleApi('/console/projects');
  const projects = list.filter(p => p.roles.some(role => roles.includes(role)));
  if (!projects.length) {
    select.disabled = true;
    actionButton.disabled = true;
    showNotice(messages, emptyText);
    return projects;
  }
  select.replaceChildren(...projects.map(p => el('option', { value: p.projectId, text: p.name + ' (' + p.state.toLowerCase() + ')' })));
  const wanted = new URLSearchParams(location.search).get('project');
  if (wanted && projects.some(p => p.projectId === wanted)) { select.value = wanted; }
  return projects;
}
