package dev.switchboard.expressions;

/** A template that cannot be parsed; {@code index} is where in the string the problem starts. */
public final class TemplateSyntaxException extends RuntimeException {

    private final int index;

    public TemplateSyntaxException(String message, int index) {
        super(message);
        this.index = index;
    }

    public int index() {
        return index;
    }
}
