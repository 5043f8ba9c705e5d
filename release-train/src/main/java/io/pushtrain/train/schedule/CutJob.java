package io.pushtrain.train.schedule;

import io.pushtrain.train.Trains;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** The weekly cut. Quartz's cluster fires it once, whichever node runs it. */
@DisallowConcurrentExecution
class CutJob extends QuartzJobBean {

    private final Trains trains;

    CutJob(Trains trains) {
        this.trains = trains;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        trains.cut(null, "schedule");
    }
}
