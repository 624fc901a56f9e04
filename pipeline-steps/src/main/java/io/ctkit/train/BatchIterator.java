package io.ctkit.train;

import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/** The mini-batches of one epoch, in the order ctkit shuffled them (ND4J shuffles nothing). */
final class BatchIterator implements MultiDataSetIterator {
    private static final long serialVersionUID = 1L;

    private final transient List<MultiDataSet> batches;
    private int next;

    BatchIterator(List<MultiDataSet> batches) {
        this.batches = batches;
    }

    @Override
    public boolean hasNext() {
        return next < batches.size();
    }

    @Override
    public MultiDataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return batches.get(next++);
    }

    @Override
    public MultiDataSet next(int num) {
        return next();
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException("batches are preprocessed by ctkit's FeatureEncoder");
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return null;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        next = 0;
    }
}
