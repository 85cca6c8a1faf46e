import java.io.IOException;

import org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner;
import org.kohsuke.args4j.Option;

/**
 * Runs exactly one Elasticsearch 7.10.2 node in this JVM for tools/services/up.
 *
 * <p>The codelibs runner can start a whole cluster in one JVM, but then no test
 * can kill a single node, every node is named "Node N" and a busy HTTP port is
 * silently replaced by the next free one (none above 9299). Here each node is
 * its own process with the name and the exact port the script chose; if that
 * port is taken, the start fails instead of drifting.
 *
 * <p>Accepts the runner's options plus {@code -nodeName} and {@code -httpPort}.
 * The runner's start-up banner still prints "Node 1"; the node itself uses ours.
 */
public final class LocalNode extends ElasticsearchClusterRunner {

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
