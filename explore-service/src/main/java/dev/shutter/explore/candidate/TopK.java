package dev.shutter.explore.candidate;

/** The {@code k} best-scored ids seen, in a min-heap of primitives (no boxing in the scan loop). */
final class TopK {

    private final int[] ids;
    private final float[] scores;
    private int size;

    TopK(int k) {
        ids = new int[k];
        scores = new float[k];
    }

    /** The score an id must beat to get in, once the heap is full. */
    float floor() {
        return size < ids.length ? Float.NEGATIVE_INFINITY : scores[0];
    }

    void offer(int id, float score) {
        if (size < ids.length) {
            int i = size++;
            ids[i] = id;
            scores[i] = score;
            siftUp(i);
        } else if (score > scores[0]) {
            ids[0] = id;
            scores[0] = score;
            siftDown(0, size);
        }
    }

    /** Drains the heap: the ids, best first; their scores land in {@code scoresOut}. */
    int[] drainBestFirst(float[] scoresOut) {
        int n = size;
        int[] best = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            best[i] = ids[0];
            scoresOut[i] = scores[0];
            size--;
            ids[0] = ids[size];
            scores[0] = scores[size];
            siftDown(0, size);
        }
        return best;
    }

    int size() {
        return size;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (scores[parent] <= scores[i]) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i, int n) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= n) {
                return;
            }
            int smallest = left + 1 < n && scores[left + 1] < scores[left] ? left + 1 : left;
            if (scores[i] <= scores[smallest]) {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }

    private void swap(int a, int b) {
        int id = ids[a];
        ids[a] = ids[b];
        ids[b] = id;
        float score = scores[a];
        scores[a] = scores[b];
        scores[b] = score;
    }
}
