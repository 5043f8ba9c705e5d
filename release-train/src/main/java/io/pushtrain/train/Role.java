package io.pushtrain.train;

/** What a person may do with the train. */
public enum Role {
    /** Looks after people and their tokens: creates admins, mints tokens for anyone. */
    ADMIN,
    /** Runs the train: cuts, approves picks, starts pushes, changes karma. */
    RELEASE_ENGINEER,
    /** Requests picks and confirms presence. */
    DEVELOPER,
    /** Toggles feature flags. */
    PRODUCT,
    /** A machine that pulls builds. */
    HOST
}
