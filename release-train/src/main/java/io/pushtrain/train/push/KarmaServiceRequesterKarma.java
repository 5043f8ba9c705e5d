package io.pushtrain.train.push;

import io.pushtrain.karma.Karma;
import io.pushtrain.karma.KarmaStanding;
import io.pushtrain.karma.Offence;

import org.springframework.stereotype.Component;

/** Requester karma from the karma service. */
@Component
class KarmaServiceRequesterKarma implements RequesterKarma {

    private final Karma karma;

    KarmaServiceRequesterKarma(Karma karma) {
        this.karma = karma;
    }

    @Override
    public KarmaStanding standing(String requester) {
        return karma.standing(requester);
    }

    @Override
    public void penalize(String requester, Offence offence, String detail) {
        karma.penalize(requester, offence, detail);
    }
}
