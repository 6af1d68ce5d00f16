// One labelling control per task type. Each renders into a container and answers value() with the label
// in the shape of docs/labels-and-items.md (null while incomplete), set(label) to show a suggestion,
// and key(event) for its keyboard shortcuts.
'use strict';

const Controls = (function () {
  const digit = event => (event.key >= '1' && event.key <= '9') ? Number(event.key) - 1 : -1;
  const names = schema => (schema.labels || []).map(l => l.name);

  function labelButtons(labels, onPress) {
    return labels.map((name, i) => el('button', { type: 'button', 'aria-pressed': 'false', 'data-label': name,
      onclick: () => onPress(name) }, i < 9 ? el('span', { class: 'key', 'aria-hidden': 'true', text: String(i + 1) }) : null, name));
  }

  function singleLabel(container, schema) {
    let choice = null;
    const buttons = labelButtons(names(schema), name => pick(name));
    const pick = name => { choice = name; buttons.forEach(b => b.setAttribute('aria-pressed', String(b.dataset.label === name))); };
    container.append(el('div', { class: 'choices', role: 'group', 'aria-label': 'Label (keys 1–9)' }, buttons));
    return {
      value: () => choice === null ? null : { choice },
      set: label => label && label.choice && pick(label.choice),
      key: event => { const i = digit(event); if (i >= 0 && i < buttons.length) { pick(buttons[i].dataset.label); return true; } return false; }
    };
  }

  function multiLabel(container, schema) {
    const chosen = new Set();
    const buttons = labelButtons(names(schema), name => toggle(name));
    const render = () => buttons.forEach(b => b.setAttribute('aria-pressed', String(chosen.has(b.dataset.label))));
    const toggle = name => { chosen.has(name) ? chosen.delete(name) : chosen.add(name); render(); };
    container.append(el('div', { class: 'choices', role: 'group', 'aria-label': 'Labels, several allowed (keys 1–9 toggle)' }, buttons));
    return {
      value: () => ({ choices: names(schema).filter(n => chosen.has(n)) }),
      set: label => { chosen.clear(); ((label && label.choices) || []).forEach(c => chosen.add(c)); render(); },
      key: event => { const i = digit(event); if (i >= 0 && i < buttons.length) { toggle(buttons[i].dataset.label); return true; } return false; }
    };
  }

  /** Offsets count Unicode code points of the text, as the API does. */
  function spans(container, schema, data) {
    const text = data.text || '';
    const points = Array.from(text);
    let current = names(schema)[0] || null;
    let tagged = [];
    const picker = labelButtons(names(schema), name => choose(name));
    const choose = name => { current = name; picker.forEach(b => b.setAttribute('aria-pressed', String(b.dataset.label === name))); };
    const shown = el('p', { class: 'item-text', id: 'span-text' });
    const list = el('ul', { id: 'span-list', 'aria-label': 'Tagged spans' });
    const render = () => {
      shown.replaceChildren();
      const sorted = [...tagged].sort((a, b) => a.start - b.start);
      let at = 0;
      for (const span of sorted) {
        if (span.start < at) { continue; }
        shown.append(points.slice(at, span.start).join(''));
        shown.append(el('mark', { class: 'span', title: span.label, text: points.slice(span.start, span.end).join('') }));
        at = span.end;
      }
      shown.append(points.slice(at).join(''));
      list.replaceChildren(...tagged.map((span, i) => el('li', {}, el('strong', { text: span.label }), ' “' + span.text + '” ',
        el('button', { type: 'button', 'aria-label': 'Remove ' + span.label + ' ' + span.text,
          onclick: () => { tagged.splice(i, 1); render(); } }, 'Remove'))));
    };
    const tagSelection = () => {
      const selection = window.getSelection();
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !current) { return; }
      const range = selection.getRangeAt(0);
      if (!shown.contains(range.startContainer) || !shown.contains(range.endContainer)) { return; }
      const before = document.createRange();
      before.setStart(shown, 0);
      before.setEnd(range.startContainer, range.startOffset);
      const start = Array.from(before.toString()).length;
      const end = start + Array.from(range.toString()).length;
      if (end > start) {
        tagged.push({ start, end, label: current, text: points.slice(start, end).join('') });
        selection.removeAllRanges();
        render();
      }
    };
    shown.addEventListener('mouseup', tagSelection);
    choose(current);
    render();
    container.append(el('div', { class: 'choices', role: 'group', 'aria-label': 'Tag to apply (keys 1–9)' }, picker),
      el('p', { class: 'muted', text: 'Select text to tag it with the chosen label, or select it and press “Tag selection”.' }),
      shown, el('button', { type: 'button', id: 'tag-selection', onclick: tagSelection }, 'Tag selection'), list);
    return {
      value: () => ({ spans: tagged.map(s => ({ start: s.start, end: s.end, label: s.label, text: s.text })) }),
      set: label => { tagged = ((label && label.spans) || []).map(s => Object.assign({}, s, { text: points.slice(s.start, s.end).join('') })); render(); },
      key: event => { const i = digit(event); if (i >= 0 && i < picker.length) { choose(picker[i].dataset.label); return true; } return false; }
    };
  }

  /** Boxes in the image's own pixels; the stage is drawn at a scale that fits the page. */
  function boxes(container, schema, data) {
    const width = data.width || 640, height = data.height || 480;
    const scale = Math.min(1, 640 / width);
    let current = names(schema)[0] || null;
    let drawn = [];
    let selected = -1;
    const picker = labelButtons(names(schema), name => choose(name));
    const choose = name => {
      current = name;
      picker.forEach(b => b.setAttribute('aria-pressed', String(b.dataset.label === name)));
      if (selected >= 0) { drawn[selected].label = name; render(); }
    };
    const stage = el('div', { class: 'stage', id: 'box-stage', tabindex: '0', role: 'application',
      'aria-label': 'Image: drag to draw a box; drag a box to move it, its corner to resize; arrow keys move the selected box, Shift+arrows resize it, Delete removes it',
      style: 'width:' + (width * scale) + 'px;height:' + (height * scale) + 'px;' + (data.imageUrl ? 'background-image:url("' + encodeURI(data.imageUrl) + '")' : '') });
    const list = el('ul', { id: 'box-list', 'aria-label': 'Boxes' });
    const clamp = box => {
      box.width = Math.max(1, Math.min(box.width, width)); box.height = Math.max(1, Math.min(box.height, height));
      box.x = Math.max(0, Math.min(box.x, width - box.width)); box.y = Math.max(0, Math.min(box.y, height - box.height));
    };
    const render = () => {
      stage.replaceChildren(...drawn.map((box, i) => {
        const node = el('div', { class: 'box' + (i === selected ? ' selected' : ''), 'data-index': String(i),
          style: `left:${box.x * scale}px;top:${box.y * scale}px;width:${box.width * scale}px;height:${box.height * scale}px` },
          el('span', { class: 'tag', text: box.label }), el('span', { class: 'handle', 'data-handle': 'resize' }));
        return node;
      }));
      list.replaceChildren(...drawn.map((box, i) => el('li', {}, el('strong', { text: box.label }),
        ` x ${Math.round(box.x)}, y ${Math.round(box.y)}, ${Math.round(box.width)}×${Math.round(box.height)} `,
        el('button', { type: 'button', onclick: () => { selected = i; render(); stage.focus(); } }, 'Select'), ' ',
        el('button', { type: 'button', 'aria-label': 'Remove box ' + (i + 1), onclick: () => { drawn.splice(i, 1); selected = -1; render(); } }, 'Remove'))));
    };
    const point = event => {
      const r = stage.getBoundingClientRect();
      return { x: (event.clientX - r.left) / scale, y: (event.clientY - r.top) / scale };
    };
    let gesture = null;
    stage.addEventListener('mousedown', event => {
      event.preventDefault();
      stage.focus();
      const p = point(event);
      const target = event.target.closest('.box');
      if (target) {
        selected = Number(target.dataset.index);
        const box = drawn[selected];
        gesture = { mode: event.target.dataset.handle === 'resize' ? 'resize' : 'move', from: p, original: Object.assign({}, box) };
      } else if (current) {
        drawn.push({ x: p.x, y: p.y, width: 1, height: 1, label: current });
        selected = drawn.length - 1;
        gesture = { mode: 'draw', from: p, original: Object.assign({}, drawn[selected]) };
      }
      render();
    });
    window.addEventListener('mousemove', event => {
      if (!gesture || selected < 0) { return; }
      const p = point(event), box = drawn[selected], o = gesture.original;
      const dx = p.x - gesture.from.x, dy = p.y - gesture.from.y;
      if (gesture.mode === 'move') { box.x = o.x + dx; box.y = o.y + dy; }
      else if (gesture.mode === 'resize') { box.width = o.width + dx; box.height = o.height + dy; }
      else {
        box.x = Math.min(gesture.from.x, p.x); box.y = Math.min(gesture.from.y, p.y);
        box.width = Math.abs(dx); box.height = Math.abs(dy);
      }
      clamp(box);
      render();
    });
    window.addEventListener('mouseup', () => {
      if (gesture && gesture.mode === 'draw' && selected >= 0 && (drawn[selected].width < 3 || drawn[selected].height < 3)) {
        drawn.splice(selected, 1); selected = -1; render();  // a click, not a drawn box
      }
      gesture = null;
    });
    stage.addEventListener('keydown', event => {
      if (selected < 0) { return; }
      const box = drawn[selected], step = 5;
      const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      if (moves[event.key]) {
        const [dx, dy] = moves[event.key];
        if (event.shiftKey) { box.width += dx; box.height += dy; } else { box.x += dx; box.y += dy; }
        clamp(box); render(); event.preventDefault(); event.stopPropagation();
      } else if (event.key === 'Delete' || event.key === 'Backspace') {
        drawn.splice(selected, 1); selected = -1; render(); event.preventDefault(); event.stopPropagation();
      }
    });
    choose(current);
    render();
    container.append(el('div', { class: 'choices', role: 'group', 'aria-label': 'Box label (keys 1–9)' }, picker), stage, list);
    return {
      value: () => ({ boxes: drawn.map(b => ({ x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height), label: b.label })) }),
      set: label => { drawn = ((label && label.boxes) || []).map(b => Object.assign({}, b)); selected = -1; render(); },
      key: event => { const i = digit(event); if (i >= 0 && i < picker.length) { choose(picker[i].dataset.label); return true; } return false; }
    };
  }

  function candidateText(c) { return c.text || c.imageUrl || c.id; }

  /** Drag to order, or move the focused candidate with its Up and Down buttons (Alt+arrows). */
  function ranking(container, schema, data) {
    let order = (data.candidates || []).map(c => c.id);
    const byId = Object.fromEntries((data.candidates || []).map(c => [c.id, c]));
    const list = el('ol', { class: 'ranking', id: 'ranking', 'aria-label': 'Candidates, best first' });
    let dragged = null;
    const move = (index, by) => {
      const to = index + by;
      if (to < 0 || to >= order.length) { return; }
      [order[index], order[to]] = [order[to], order[index]];
      render();
      list.querySelectorAll('li')[to].focus();
    };
    const render = () => list.replaceChildren(...order.map((id, i) => {
      const item = el('li', { draggable: 'true', tabindex: '0', 'data-id': id, 'aria-label': (i + 1) + '. ' + candidateText(byId[id]) },
        el('span', { class: 'text', text: candidateText(byId[id]) }),
        el('button', { type: 'button', 'aria-label': 'Move up ' + id, onclick: () => move(i, -1) }, '↑'),
        el('button', { type: 'button', 'aria-label': 'Move down ' + id, onclick: () => move(i, 1) }, '↓'));
      item.addEventListener('dragstart', () => { dragged = i; });
      item.addEventListener('dragover', event => event.preventDefault());
      item.addEventListener('drop', event => {
        event.preventDefault();
        if (dragged === null || dragged === i) { return; }
        const [moved] = order.splice(dragged, 1);
        order.splice(i, 0, moved);
        dragged = null;
        render();
      });
      item.addEventListener('keydown', event => {
        if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
          event.preventDefault(); move(i, event.key === 'ArrowUp' ? -1 : 1);
        }
      });
      return item;
    }));
    render();
    if (data.prompt) { container.append(el('p', { class: 'item-text', text: data.prompt })); }
    container.append(el('p', { class: 'muted', text: 'Best first: drag, or focus a candidate and press Alt+↑ / Alt+↓.' }), list);
    return {
      value: () => ({ ranking: [...order] }),
      set: label => {
        if (label && Array.isArray(label.ranking)) {
          const flat = label.ranking.flat();
          if (flat.length === order.length && flat.every(id => byId[id])) { order = flat; render(); }
        }
      },
      key: () => false
    };
  }

  function rating(container, schema) {
    const c = schema.constraints || {};
    let values;
    if (Array.isArray(c.scaleLabels) && c.scaleLabels.length) {
      values = c.scaleLabels;
    } else {
      const min = c.scaleMin ?? 1, max = c.scaleMax ?? 5, step = c.scaleStep ?? 1;
      values = [];
      for (let v = min; v <= max + 1e-9; v += step) { values.push(Math.round(v * 1e6) / 1e6); }
    }
    let chosen = null;
    const buttons = values.map((v, i) => el('button', { type: 'button', role: 'radio', 'aria-checked': 'false', 'data-value': String(v),
      onclick: () => pick(v) }, i < 9 ? el('span', { class: 'key', 'aria-hidden': 'true', text: String(i + 1) }) : null, String(v)));
    const pick = v => { chosen = v; buttons.forEach(b => { const on = b.dataset.value === String(v); b.setAttribute('aria-checked', String(on)); b.setAttribute('aria-pressed', String(on)); }); };
    container.append(el('div', { class: 'choices', role: 'radiogroup', 'aria-label': 'Rating (keys 1–9)' }, buttons));
    return {
      value: () => chosen === null ? null : { rating: chosen },
      set: label => label && label.rating !== undefined && pick(label.rating),
      key: event => { const i = digit(event); if (i >= 0 && i < values.length) { pick(values[i]); return true; } return false; }
    };
  }

  function preference(container, schema, data) {
    const candidates = (data.candidates || []).slice(0, 2);
    let chosen = null;
    const keys = ['A', 'B'];
    const buttons = candidates.map((c, i) => el('button', { type: 'button', 'aria-pressed': 'false', 'data-id': c.id, onclick: () => pick(c.id) },
      el('span', { class: 'key', 'aria-hidden': 'true', text: keys[i] }), candidateText(c)));
    const pick = id => { chosen = id; buttons.forEach(b => b.setAttribute('aria-pressed', String(b.dataset.id === id))); };
    if (data.prompt) { container.append(el('p', { class: 'item-text', text: data.prompt })); }
    container.append(el('div', { class: 'pair', role: 'group', 'aria-label': 'Which is better? (keys A or B)' }, buttons));
    return {
      value: () => chosen === null ? null : { preferred: chosen },
      set: label => label && label.preferred && pick(label.preferred),
      key: event => {
        const i = ['a', 'b'].indexOf(event.key.toLowerCase());
        const n = digit(event);
        const index = i >= 0 ? i : n;
        if (index >= 0 && index < candidates.length) { pick(candidates[index].id); return true; }
        return false;
      }
    };
  }

  const byType = { SINGLE_LABEL: singleLabel, MULTI_LABEL: multiLabel, SPANS: spans, BOXES: boxes, RANKING: ranking, RATING: rating, PREFERENCE: preference };

  /** The item as an annotator sees it, for the task types whose control does not show it itself. */
  function showItem(container, taskType, data) {
    if (taskType === 'SPANS' || taskType === 'BOXES' || taskType === 'RANKING' || taskType === 'PREFERENCE') { return; }
    if (data.text) { container.append(el('p', { class: 'item-text', id: 'item-text', text: data.text })); }
    if (data.imageUrl) { container.append(el('img', { src: data.imageUrl, alt: 'The item to label', style: 'max-width:100%' })); }
    if (data.audioUrl) { container.append(el('audio', { src: data.audioUrl, controls: true })); }
    if (data.candidates) {
      container.append(el('ul', {}, data.candidates.map(c => el('li', { text: candidateText(c) }))));
    }
  }

  return {
    create(container, schema, data) {
      const factory = byType[schema.taskType];
      if (!factory) { throw new Error('this console has no control for the task type ' + schema.taskType); }
      return factory(container, schema, data || {});
    },
    showItem
  };
})();
