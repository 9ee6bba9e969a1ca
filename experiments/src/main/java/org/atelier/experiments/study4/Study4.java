package org.atelier.experiments.study4;

import java.math.BigDecimal;
import java.util.Locale;

/** What the experiments of study 4 share: the study's name, which orders {@code ./atelier list}, and number formats. */
final class Study4 {

    /** The study's name. */
    static final String STUDY = "4 — fundamentals";

    private Study4() {}

    /** A number as typed, without trailing zeros or an exponent, with a true minus sign: 2, 0.5, −0.00001. */
    static String plain(double value) {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString().replace('-', '−');
    }

    /** A difference between two computations of the same number: {@code 2.8e-17}, or 0 said as bit for bit. */
    static String error(double value) {
        return value == 0 ? "0 (bit for bit)" : String.format(Locale.ROOT, "%.1e", value);
    }
}
