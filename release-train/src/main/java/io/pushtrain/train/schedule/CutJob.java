package io.pushtrain.train.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import io.pushtrain.train.TrainException;
import io.pushtrain.train.Trains;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The weekly cut. Quartz's cluster fires it once, whichever node runs it. A cut refused because
 * a push is running is not lost: the job fires again a minute later, until the push has ended.
 */
@DisallowConcurrentExecution
class CutJob extends QuartzJobBean {

    static final Duration RETRY = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(CutJob.class);

    private final Trains trains;

    CutJob(Trains trains) {
        this.trains = trains;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        try {
            // The weekly cut is the calendar's: it starts the week's train even on a quiet trunk,
            // so it is forced; the same-commit refusal is for hands that cut twice by mistake.
            trains.cut(null, "schedule", true);
        }
        catch (TrainException.Refused refused) {
            Instant again = Instant.now().plus(RETRY);
            log.warn("Scheduled cut waits: {}; trying again at {}", refused.getMessage(), again);
            retryAt(context, again);
        }
    }

    /** A one-shot trigger in the clustered store, so the retry survives a restart of this node. */
    private static void retryAt(JobExecutionContext context, Instant at) {
        Trigger retry = TriggerBuilder.newTrigger().forJob(context.getJobDetail())
            .withIdentity("cut-retry-" + at.toEpochMilli(), TrainSchedules.GROUP).startAt(Date.from(at)).build();
        try {
            context.getScheduler().scheduleJob(retry);
        }
        catch (SchedulerException ex) {
            throw new IllegalStateException("the scheduled cut could not be retried: " + ex.getMessage(), ex);
        }
    }
}
