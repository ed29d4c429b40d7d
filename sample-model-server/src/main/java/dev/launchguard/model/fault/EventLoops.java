package dev.launchguard.model.fault;

/** The server's I/O threads, as far as the wedge fault needs them. */
public interface EventLoops {

    /** Blocks every connection-serving event loop forever; the listening socket stays open. */
    void blockForever();
}
