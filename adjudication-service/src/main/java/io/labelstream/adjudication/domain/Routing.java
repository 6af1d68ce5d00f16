package io.labelstream.adjudication.domain;

/** What to do with an assessment: accept its consensus as gold, queue the item for review, or keep things as they are. */
public record Routing(Action action, ReviewReason reason) {

    public enum Action { ACCEPT, QUEUE, KEEP }

    public static Routing accept() {
        return new Routing(Action.ACCEPT, null);
    }

    public static Routing queue(ReviewReason reason) {
        return new Routing(Action.QUEUE, reason);
    }

    public static Routing keep() {
        return new Routing(Action.KEEP, null);
    }
}
