package io.ctkit.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;

class PreparedOpTest {
    @Test
    void aPreparedOpReadsTheCurrentContentOfItsArraysOnEveryRun() {
        Nd4jRuntime.init();
        INDArray a = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}});
        INDArray b = Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}});
        INDArray c = Nd4j.zeros(DataType.FLOAT, 2, 2);
        PreparedOp product = PreparedOp.of(new Mmul(a, b, c, 1.0, 0.0, MMulTranspose.allFalse()));
        PreparedOp relu = PreparedOp.of(new RectifiedLinear(c, c, 0.0));

        product.run();
        assertThat(c.toFloatMatrix()).isEqualTo(new float[][] {{1, 2}, {3, 4}});
        a.data().setData(new float[] {-1, 5, 6, -7});
        product.run();
        relu.run();
        assertThat(c.toFloatMatrix()).isEqualTo(new float[][] {{0, 5}, {6, 0}});
    }

    @Test
    void aFailingCustomOpThrowsWithLibnd4jsMessage() {
        Nd4jRuntime.init();
        INDArray a = Nd4j.zeros(DataType.FLOAT, 2, 3);
        INDArray b = Nd4j.zeros(DataType.FLOAT, 4, 5);
        INDArray c = Nd4j.zeros(DataType.FLOAT, 2, 5);
        PreparedOp product = PreparedOp.of(new Mmul(a, b, c, 1.0, 0.0, MMulTranspose.allFalse()));

        assertThatThrownBy(product::run).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("libnd4j op matmul failed");
    }
}
