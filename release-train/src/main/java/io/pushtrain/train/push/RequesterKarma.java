package io.pushtrain.train.push;

import io.pushtrain.karma.KarmaStanding;
import io.pushtrain.karma.Offence;

/** What a push asks of karma: whether it takes a requester's picks, and what a bad pick costs them. */
public interface RequesterKarma {

    KarmaStanding standing(String requester);

    void penalize(String requester, Offence offence, String detail);
}
