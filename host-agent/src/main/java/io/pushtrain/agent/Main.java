package io.pushtrain.agent;

import java.io.PrintStream;

/** {@code java -jar host-agent.jar --server URL --token T --rack R --tier T --dir D [options]}: runs until stopped. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        CommandLine.Parsed parsed = CommandLine.parse(args, System.getenv());
        if (!(parsed instanceof CommandLine.Run run)) {
            int code = CommandLine.exitCode(parsed);
            PrintStream out = code == 0 ? System.out : System.err;
            if (parsed instanceof CommandLine.Invalid invalid) {
                out.println("host-agent: " + invalid.problem());
                out.println();
            }
            out.print(CommandLine.USAGE);
            System.exit(code);
            return;
        }
        OneLineFormat.install();
        HostAgent agent = new HostAgent(run.options());
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "host-agent-shutdown"));
        agent.start();
    }
}
