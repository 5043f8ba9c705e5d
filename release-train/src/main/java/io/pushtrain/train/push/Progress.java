package io.pushtrain.train.push;

import java.util.List;

/** A push's progress 0–100: finished steps count whole, the running one by its own progress. */
final class Progress {

    private Progress() {
    }

    static int of(List<PushStepEntity> steps) {
        if (steps.isEmpty()) {
            return 0;
        }
        int sum = 0;
        for (PushStepEntity step : steps) {
            sum += step.state().isFinished() ? 100 : step.progress();
        }
        return sum / steps.size();
    }
}
