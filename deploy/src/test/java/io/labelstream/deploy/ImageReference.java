package io.labelstream.deploy;

/**
 * A container image reference split into repository and tag/digest.
 *
 * @param repository registry and path, without tag or digest
 * @param tag the tag, or null
 * @param digest the digest (e.g. sha256:...), or null
 */
record ImageReference(String repository, String tag, String digest) {

    static ImageReference parse(String reference) {
        String rest = reference;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        return new ImageReference(rest, tag, digest);
    }

    /** The part after the repository, e.g. ":0.1.0" or "@sha256:...", or "" for an untagged image. */
    String suffix() {
        return (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
