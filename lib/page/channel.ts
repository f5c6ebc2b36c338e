/**
 * A private MessageChannel between the main-world hook and the isolated content script.
 *
 * Both scripts run at document_start, before any page script, in an unknown order. Each side
 * listens for the other's hello and for a port addressed to itself, then says hello. Whichever
 * side runs second hears the first side's hello synchronously (dispatchEvent is synchronous),
 * creates the channel and hands one port over in a MessageEvent. Both sides then drop their
 * listeners and ignore later hellos, so page scripts, which run later, never see the port.
 */

export type ChannelSide = 'main' | 'isolated';

const PREFIX = 'kpi-pacer-channel';
const helloEvent = (side: ChannelSide) => `${PREFIX}:hello-${side}`;
const portEvent = (side: ChannelSide) => `${PREFIX}:port-${side}`;
const otherSide = (side: ChannelSide): ChannelSide => (side === 'main' ? 'isolated' : 'main');

/**
 * Starts the handshake on `target` (the window). `onPort` runs once with this side's port.
 * Returns a function that abandons a handshake still waiting.
 */
export function openPrivateChannel(side: ChannelSide, target: EventTarget, onPort: (port: MessagePort) => void): () => void {
  let done = false;
  const other = otherSide(side);

  const finish = (port: MessagePort) => {
    stop();
    onPort(port);
  };
  const onOtherHello = () => {
    if (done) return;
    const channel = new MessageChannel();
    // Hand over the port first: the other side is listening right now, the page is not yet.
    target.dispatchEvent(new MessageEvent(portEvent(other), { ports: [channel.port2] }));
    finish(channel.port1);
  };
  const onPortEvent = (event: Event) => {
    const port = (event as MessageEvent).ports?.[0];
    if (done || !port) return;
    finish(port);
  };
  function stop() {
    done = true;
    target.removeEventListener(helloEvent(other), onOtherHello);
    target.removeEventListener(portEvent(side), onPortEvent);
  }

  target.addEventListener(helloEvent(other), onOtherHello);
  target.addEventListener(portEvent(side), onPortEvent);
  target.dispatchEvent(new Event(helloEvent(side)));
  return stop;
}
