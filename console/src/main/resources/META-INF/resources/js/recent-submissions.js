// The annotator's last submissions that may still be revised, kept in the tab's sessionStorage so that a
// reload does not lose them: a revision needs the assignment's token, which only the lease carried.
'use strict';

const RecentSubmissions = {
  KEY: 'labelstream.recent-submissions',
  /** How many submissions per project the page offers to revise: the last few, as a person remembers them. */
  PER_PROJECT: 3,

  all() {
    const raw = sessionStorage.getItem(this.KEY);
    return raw ? JSON.parse(raw) : [];
  },

  /**
   * The project's submissions whose revision window is still open at {@code now} (ms), newest first. The
   * window is the annotation service's: the lease's end plus the project's grace; the page's clock only
   * decides what it offers, the API decides what it accepts.
   */
  open(projectId, now) {
    return this.all().filter(s => s.projectId === projectId && s.windowEndsAt > now);
  },

  /** Records a submission (or its revision) from the lease it was made under and the annotation the API answered. */
  remember(projectId, lease, schema, annotation, graceSeconds) {
    const entry = {
      projectId,
      assignmentId: lease.assignmentId,
      assignmentToken: lease.assignmentToken,
      data: lease.data || {},
      schema,
      label: annotation.label,
      revision: annotation.revision || 0,
      clientDurationMs: annotation.clientDurationMs,
      windowEndsAt: Date.parse(annotation.leaseExpiresAt) + (graceSeconds || 0) * 1000
    };
    const now = Date.now();
    const others = this.all().filter(s => s.assignmentId !== entry.assignmentId && s.windowEndsAt > now);
    const sameProject = others.filter(s => s.projectId === projectId).slice(0, this.PER_PROJECT - 1);
    const kept = [entry, ...sameProject, ...others.filter(s => s.projectId !== projectId)];
    sessionStorage.setItem(this.KEY, JSON.stringify(kept));
    return entry;
  },

  find(assignmentId) {
    return this.all().find(s => s.assignmentId === assignmentId) || null;
  }
};

/** A few words that let the annotator recognise an item: its text, prompt or image. */
function itemSummary(data) {
  const text = data.text || data.prompt || data.imageUrl || JSON.stringify(data);
  return text.length > 60 ? text.substring(0, 57) + '…' : text;
}
