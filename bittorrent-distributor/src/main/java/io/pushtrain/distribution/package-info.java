/**
 * Distribution, a leaf module: builds become artifacts with a SHA-256 and a torrent, the
 * embedded tracker hands each host peers from its own rack first, the server seeds, and
 * rollouts move the desired build tier by tier. Its API is this package; sub-packages are
 * internal. It imports nothing else of pushtrain: release-train calls it as a push's last step.
 */
@ApplicationModule(displayName = "bittorrent-distributor", allowedDependencies = {})
package io.pushtrain.distribution;

import org.springframework.modulith.ApplicationModule;
