package io.ctkit.train;

import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * An ND4J op built once over fixed arrays and run many times. Building the op object and, for a
 * custom op, its native context is what made a call cost 20–100 µs through {@code Nd4j.exec} or
 * {@code Nd4j.gemm} (measured here, single thread); run again on the same arrays it costs about 2 µs.
 * A custom op goes straight to libnd4j's {@code execCustomOp2} with its context, as ND4J's executioner
 * does after its profiling and workspace checks, which this fixed set of arrays does not need.
 */
final class PreparedOp {
    private final Op legacy;
    private final DynamicCustomOp custom;
    private final OpContext context;
    private final long hash;
    private final org.bytedeco.javacpp.Pointer contextPointer;

    private PreparedOp(Op legacy, DynamicCustomOp custom, OpContext context) {
        this.legacy = legacy;
        this.custom = custom;
        this.context = context;
        this.hash = custom == null ? 0 : custom.opHash();
        this.contextPointer = context == null ? null : context.contextPointer();
    }

    /** A legacy (transform, scalar, pairwise) op: ND4J runs it from the op object. */
    static PreparedOp of(Op op) {
        return new PreparedOp(op, null, null);
    }

    /** A custom op with its own native context holding the inputs, outputs and arguments. */
    static PreparedOp of(DynamicCustomOp op) {
        OpContext ctx = Nd4j.getExecutioner().buildContext();
        ctx.setInputArrays(op.inputArguments());
        ctx.setOutputArrays(op.outputArguments());
        ctx.setIArguments(op.iArgs());
        ctx.setTArguments(op.tArgs());
        ctx.setBArguments(op.bArgs());
        ctx.setDArguments(op.dArgs());
        return new PreparedOp(null, op, ctx);
    }

    void run() {
        if (custom != null) {
            execute();
        } else {
            Nd4j.exec(legacy);
        }
    }

    /** Runs with another integer argument (the iteration of Adam's bias correction). */
    void run(long iArg) {
        context.setIArguments(iArg);
        execute();
    }

    private void execute() {
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int status = ops.execCustomOp2(null, hash, contextPointer);
        if (status != 0) {
            throw new IllegalStateException("libnd4j op " + custom.opName() + " failed (status " + status + "): "
                    + ops.lastErrorMessage());
        }
    }
}
