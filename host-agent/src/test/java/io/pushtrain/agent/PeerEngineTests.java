package io.pushtrain.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeerEngineTests {

    @AfterEach
    void clearProperty() {
        System.clearProperty(PeerEngine.PROPERTY);
    }

    @Test
    void withoutThePropertyTheAgentRunsOnItsOwnEngine() {
        System.clearProperty(PeerEngine.PROPERTY);
        assertThat(PeerEngine.configured()).isEqualTo(PeerEngine.PUSHTRAIN);
    }

    @Test
    void thePropertyNamesTheEngineInAnyCase() {
        System.setProperty(PeerEngine.PROPERTY, " LibTorrent ");
        assertThat(PeerEngine.configured()).isEqualTo(PeerEngine.LIBTORRENT);
    }

    @Test
    void anUnknownEngineIsRefusedWithTheNamesItTakes() {
        System.setProperty(PeerEngine.PROPERTY, "transmission");
        assertThatThrownBy(PeerEngine::configured).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pushtrain.agent.engine must be pushtrain, libtorrent or ttorrent, was transmission");
    }
}
