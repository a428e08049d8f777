package dev.switchboard.standalone;

import dev.switchboard.standalone.ResponseCheck.Violation;
import java.util.function.Function;

/**
 * Makes a failing request of the sweep as small as it can while it still breaks the same rule:
 * cuts pieces out of the body, halving the piece each round (delta debugging), within a budget of
 * re-sent requests, so a finding reads as the few characters that matter.
 */
final class FailingInputShrinker {

    private final Function<FuzzRequest, Violation> replay;
    private final int budget;

    /** @param replay sends a request again and says which rule it breaks (null: none) */
    FailingInputShrinker(Function<FuzzRequest, Violation> replay, int budget) {
        this.replay = replay;
        this.budget = budget;
    }

    FuzzRequest shrink(FuzzRequest failing, Violation violation) {
        if (failing.body() == null || failing.body().length() < 2) {
            return failing;
        }
        String body = failing.body();
        int left = budget;
        for (int piece = body.length() / 2; piece >= 1 && left > 0; piece /= 2) {
            int at = 0;
            while (at < body.length() && left > 0) {
                String candidate = body.substring(0, at) + body.substring(Math.min(body.length(), at + piece));
                left--;
                if (replay.apply(failing.withBody(candidate)) == violation) {
                    body = candidate;
                } else {
                    at += piece;
                }
            }
        }
        return failing.withBody(body);
    }
}
