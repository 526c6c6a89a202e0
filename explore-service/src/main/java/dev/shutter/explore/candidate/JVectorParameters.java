package dev.shutter.explore.candidate;

/**
 * jvector's knobs. Build: {@code maxDegree} (HNSW's M, edges per node on the base layer),
 * {@code beamWidth} (ef_construction), {@code neighbourOverflow} (how far a node's edge list may
 * overfill before it is pruned back), {@code alpha} (&gt; 1 keeps some longer edges), {@code
 * hierarchy} (HNSW's upper layers). Search: the beam is {@code max(minSearchBeam, k × overquery)}
 * (HNSW's ef). Deletes: the graph is purged of deleted nodes once they pass {@code purgeFraction}
 * of the live posts and {@code purgeMinimum}.
 */
public record JVectorParameters(int maxDegree, int beamWidth, float neighbourOverflow, float alpha, boolean hierarchy,
        int minSearchBeam, float overquery, float purgeFraction, int purgeMinimum) {

    /**
     * Tuned on 1 M × 64-d clustered unit vectors, top-100 (bench/run explore-ann): M 32 with a beam
     * of just k already gives recall ≈ 0.98, and the time of a search is mostly one cache miss per
     * scored post, so a wider beam costs more than it buys; M 16 lost recall (≈ 0.94) for no time.
     */
    public static final JVectorParameters DEFAULT = new JVectorParameters(32, 100, 1.2f, 1.2f, true, 100, 1.0f, 0.1f, 1_000);

    public JVectorParameters {
        if (maxDegree < 2 || beamWidth < 1 || minSearchBeam < 1) {
            throw new IllegalArgumentException("maxDegree ≥ 2, beamWidth ≥ 1 and minSearchBeam ≥ 1 are required");
        }
        if (neighbourOverflow < 1 || alpha <= 0 || overquery < 1 || purgeFraction <= 0 || purgeMinimum < 0) {
            throw new IllegalArgumentException("neighbourOverflow ≥ 1, alpha > 0, overquery ≥ 1, purgeFraction > 0 and"
                    + " purgeMinimum ≥ 0 are required");
        }
    }

    public JVectorParameters withSearch(int minSearchBeam, float overquery) {
        return new JVectorParameters(maxDegree, beamWidth, neighbourOverflow, alpha, hierarchy, minSearchBeam, overquery,
                purgeFraction, purgeMinimum);
    }

    /** HNSW's ef for a top-{@code k} search. */
    public int searchBeam(int k) {
        return Math.max(k, Math.max(minSearchBeam, (int) Math.ceil(k * overquery)));
    }
}
