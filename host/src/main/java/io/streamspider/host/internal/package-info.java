/**
 * The host's implementation (protocol session, spider process, engine, frontier, dev commands,
 * tools). Public only for the host's other packages and the runtime's service lookup; not API.
 */
package io.streamspider.host.internal;
