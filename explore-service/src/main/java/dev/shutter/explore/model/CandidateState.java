package dev.shutter.explore.model;

/** A version on its way in, or refused: {@code loading}, {@code indexing} or {@code refused} (with the reason). */
public record CandidateState(String version, String state, String reason) {

    public static CandidateState loading(String version) {
        return new CandidateState(version, "loading", null);
    }

    public static CandidateState indexing(String version) {
        return new CandidateState(version, "indexing", null);
    }

    public static CandidateState refused(String version, String reason) {
        return new CandidateState(version, "refused", reason);
    }
}
