import java.io.IOException;

import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.kohsuke.args4j.Option;

/**
 * Runs exactly one OpenSearch 2.19 node in this JVM for tools/services/up, the
 * twin of tools/elasticsearch/LocalNode.java: its own process, the name and the
 * exact HTTP port the script chose, and a failed start instead of a drifting port.
 *
 * <p>Accepts the runner's options plus {@code -nodeName} and {@code -httpPort}.
 */
public final class LocalNode extends OpenSearchRunner {

    @Option(name = "-nodeName", required = true, usage = "Name of this node.")
    private String nodeName;

    @Option(name = "-httpPort", required = true, usage = "Exact HTTP port of this node.")
    private int httpPort;

    private LocalNode() {
        // Read when the node is built, after the options are parsed.
        onBuild((index, settings) -> settings.put("node.name", nodeName));
    }

    @Override
    protected int getAvailableHttpPort(final int number) {
        return httpPort;
    }

    public static void main(final String[] args) {
        final LocalNode runner = new LocalNode();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (final IOException e) {
                System.err.println("Closing the node failed: " + e.getMessage());
            }
        }, "local-node-shutdown"));

        try {
            runner.build(args);
        } catch (final RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
        while (!runner.isClosed()) {
            try {
                Thread.sleep(2000);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
