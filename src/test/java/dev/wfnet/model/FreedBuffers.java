package dev.wfnet.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * What can happen between two engine calls of a real step, made to happen now: a collection finds
 * the direct buffers DJL let go of unreachable, their cleaners free them, and new small buffers
 * holding NaN take the freed memory. Tests use it to show what the engine reads afterwards.
 */
public final class FreedBuffers {

    private FreedBuffers() {
    }

    /** Collects, waits for the cleaners, and returns the new buffers: keep them reachable until the engine has read. */
    public static List<ByteBuffer> collectAndReuse() {
        System.gc();
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ByteBuffer> reuse = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            reuse.add(ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder()).putFloat(0, Float.NaN)
                    .putFloat(4, Float.NaN).putFloat(8, Float.NaN).putFloat(12, Float.NaN));
        }
        return reuse;
    }
}
