package org.atelier.core.autodiff;

/** Integers as Unicode subscripts, for names such as {@code v₋₁} and {@code x₂}. */
final class Subscripts {

    private static final String DIGITS = "₀₁₂₃₄₅₆₇₈₉";

    private Subscripts() {}

    /**
     * The number in subscript digits, with a subscript minus where negative.
     *
     * @param n the number
     * @return e.g. {@code ₋₁} for −1
     */
    static String of(int n) {
        StringBuilder text = new StringBuilder(n < 0 ? "₋" : "");
        for (char c : Integer.toString(Math.abs(n)).toCharArray()) {
            text.append(DIGITS.charAt(c - '0'));
        }
        return text.toString();
    }
}
