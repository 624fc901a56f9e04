package io.ctkit.model;

import java.io.IOException;

/**
 * A model definition or its arrays are invalid: unparsable or non-conforming {@code model.json},
 * a missing or malformed weight file, shapes that do not chain, an output layer that does not
 * fit the task. The message names the file and the place in it, e.g.
 * {@code model.json: layers[2].activation: unknown activation "relux"; expected one of ...}.
 */
public class ModelException extends IOException {

    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
