package io.pushtrain.distribution.tracker;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeerRacksTests {

    PeerRacks racks = new PeerRacks(
            Map.of("r1", List.of("10.1.0.0/16"), "r1a", List.of("10.1.7.0/24"), "r2", List.of("10.2.0.0/16", "192.168.5.7"),
                    "odd", List.of("172.16.0.0/12")),
            ip -> ip.equals("10.9.9.9") ? Optional.of("registered") : Optional.empty(), Clock.systemUTC());

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "10.1.2.3, r1",
            "10.1.7.9, r1a",
            "10.2.255.255, r2",
            "192.168.5.7, r2",
            "192.168.5.8, null",
            "172.31.0.1, odd",
            "172.32.0.1, null",
            "10.9.9.9, registered",
            "not-an-ip, null",
            "::1, null"
    })
    void theMostSpecificCidrBlockWinsThenTheRegistryThenUnknown(String ip, String rack) {
        assertThat(racks.rackOf(ip)).isEqualTo(rack);
    }

    @Test
    void aMalformedBlockNamesTheKey() {
        assertThatThrownBy(() -> new PeerRacks(Map.of("r9", List.of("10.0.0.0/40")), ip -> Optional.empty(), Clock.systemUTC()))
                .hasMessageContaining("pushtrain.racks.r9");
        assertThatThrownBy(() -> new PeerRacks(Map.of("r9", List.of("rack-nine")), ip -> Optional.empty(), Clock.systemUTC()))
                .hasMessageContaining("pushtrain.racks.r9");
    }
}
