package dev.launchguard.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear axis from 0 to a round maximum, with ticks on 1, 2 or 5 times a power of ten; maps a
 * value to a pixel between {@code from} (0) and {@code to} (max), in either direction.
 */
record LinearAxis(double max, double step, double from, double to) {

    /** About this many ticks: enough to read a value, few enough to label. */
    private static final int TICKS = 5;

    /** An axis from 0 to at least {@code highest}; {@code integral} keeps steps whole (counts). */
    static LinearAxis covering(double highest, boolean integral, double from, double to) {
        double rough = Math.max(highest, integral ? 1 : Double.MIN_NORMAL) / TICKS;
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double step = power;
        for (double m : new double[] {1, 2, 5, 10}) {
            step = m * power;
            if (step >= rough) {
                break;
            }
        }
        if (integral) {
            step = Math.max(1, Math.ceil(step));
        }
        double max = Math.ceil(Math.max(highest, step) / step) * step;
        return new LinearAxis(max, step, from, to);
    }

    double position(double value) {
        return from + (to - from) * value / max;
    }

    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; i * step <= max * 1.0001; i++) {
            ticks.add(i * step);
        }
        return ticks;
    }
}
