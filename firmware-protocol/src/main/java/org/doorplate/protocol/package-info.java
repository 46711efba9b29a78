/** The device side of the contract: messages, their two encodings, the MAC and the replay window. */
package org.doorplate.protocol;
