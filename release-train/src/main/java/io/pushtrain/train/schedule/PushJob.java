package io.pushtrain.train.schedule;

import io.pushtrain.train.PushKind;
import io.pushtrain.train.Pushes;
import io.pushtrain.train.TrainException;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** A scheduled push: the daily cherry-pick pushes, or the weekly release push. */
@DisallowConcurrentExecution
class PushJob extends QuartzJobBean {

    static final String KIND = "kind";

    private static final Logger log = LoggerFactory.getLogger(PushJob.class);

    private final Pushes pushes;

    PushJob(Pushes pushes) {
        this.pushes = pushes;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        PushKind kind = PushKind.valueOf(context.getMergedJobDataMap().getString(KIND));
        try {
            pushes.start(null, kind, "schedule");
        }
        catch (TrainException refused) {
            // A push still running or no train yet: the schedule tries again at its next time.
            log.warn("Scheduled {} push not started: {}", kind.name().toLowerCase(), refused.getMessage());
        }
    }
}
