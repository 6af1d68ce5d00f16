'use strict';
(function () {
  const messages = document.getElementById('messages');

  function enter(token) {
    try {
      const session = Session.signIn(token.trim());
      const roles = session.roles;
      location.href = roles.includes('annotator') ? '/annotate.html'
        : roles.includes('reviewer') ? '/review.html' : '/dashboard.html';
    } catch (e) {
      showProblem(messages, { message: 'This is not a bearer token: ' + e.message });
    }
  }

  document.getElementById('token-form').addEventListener('submit', event => {
    event.preventDefault();
    enter(document.getElementById('token').value);
  });

  consoleApi('/console/demo-users').then(users => {
    const list = document.getElementById('demo-user-list');
    users.forEach(user => {
      let roles = '';
      try { roles = (decodeClaims(user.token).groups || []).join(', '); } catch (e) { roles = '?'; }
      list.append(el('button', { type: 'button', 'data-user': user.userId, onclick: () => enter(user.token) },
        user.userId + ' (' + roles + ')'));
    });
    document.getElementById('demo-users').hidden = users.length === 0;
  }).catch(() => { /* not the local stack: only the token form */ });
})();
