package io.pushtrain.karma;

/**
 * Whether the train takes picks from a person now, and the sentence to show them.
 *
 * @param person who
 * @param stars their karma, 1 to 5
 * @param refused true when their stars are at or below the threshold
 * @param message what to tell them, e.g. why their pick is refused and whom to talk to
 */
public record KarmaStanding(String person, int stars, boolean refused, String message) {

    static KarmaStanding of(String person, int stars, KarmaProperties properties) {
        boolean refused = stars <= properties.threshold();
        String message = refused
                ? person + " has " + stars + stars(stars) + ": the train takes no picks from " + person
                        + " until the release engineer restores karma; talk to them in " + properties.contact()
                : person + " has " + stars + stars(stars) + ": the train takes picks from " + person;
        return new KarmaStanding(person, stars, refused, message);
    }

    private static String stars(int n) {
        return n == 1 ? " star" : " stars";
    }
}
