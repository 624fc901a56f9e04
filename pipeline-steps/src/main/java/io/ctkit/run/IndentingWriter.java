package io.ctkit.run;

import java.io.PrintWriter;
import java.io.Writer;

/** Prefixes every line (and every redraw after a carriage return) so a stage's output sits under its header. */
final class IndentingWriter extends Writer {
    private final PrintWriter target;
    private final String indent;
    private boolean lineStart = true;

    IndentingWriter(PrintWriter target, String indent) {
        this.target = target;
        this.indent = indent;
    }

    @Override
    public void write(char[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            char c = buf[i];
            if (lineStart && c != '\n' && c != '\r') {
                target.write(indent);
                lineStart = false;
            }
            target.write(c);
            if (c == '\n' || c == '\r') {
                lineStart = true;
            }
        }
    }

    @Override
    public void flush() {
        target.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
