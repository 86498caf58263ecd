// What both call pages share: tickets from the portal, signalling with the video
// service, and showing one of the page's (already translated) messages.

export class CallError extends Error {
  constructor(code) {
    super(code);
    this.code = code;
  }
}

export function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

export function supported() {
  return Boolean(
    window.RTCPeerConnection && navigator.mediaDevices && navigator.mediaDevices.getUserMedia,
  );
}

export async function fetchTicket(url) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "X-CSRFToken": csrfToken() },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new CallError(body.code || "failed");
  }
  return body;
}

function gathered(pc) {
  // Send the offer once candidates are gathered (or after two seconds: enough for
  // host and STUN candidates; TURN ones trickle in later than this design waits for).
  if (pc.iceGatheringState === "complete") {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const done = () => {
      if (pc.iceGatheringState === "complete") {
        pc.removeEventListener("icegatheringstatechange", done);
        resolve();
      }
    };
    pc.addEventListener("icegatheringstatechange", done);
    setTimeout(resolve, 2000);
  });
}

export async function connect(pc, ticket) {
  await pc.setLocalDescription(await pc.createOffer());
  await gathered(pc);
  let response;
  try {
    response = await fetch(ticket.offer_url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        ticket: ticket.ticket,
        sdp: pc.localDescription.sdp,
        type: pc.localDescription.type,
      }),
    });
  } catch (error) {
    throw new CallError("failed");
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new CallError(body.code || "failed");
  }
  await pc.setRemoteDescription(body);
}

export async function hangUp(ticket) {
  await fetch(ticket.hangup_url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ticket: ticket.ticket }),
  }).catch(() => undefined);
}

export function show(root, name, keep = []) {
  root.querySelectorAll("[data-message]").forEach((element) => {
    const wanted = element.dataset.message === name || keep.includes(element.dataset.message);
    element.hidden = !wanted;
  });
}

export function button(root, action) {
  return root.querySelector(`[data-action="${action}"]`);
}

export function poll(url, every, onStatus) {
  const tick = async () => {
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      if (response.ok) {
        if ((await onStatus(await response.json())) === false) {
          return;
        }
      }
    } catch (error) {
      // The next tick tries again.
    }
    setTimeout(tick, every);
  };
  setTimeout(tick, every);
}

export function problemFor(error) {
  const code = error instanceof CallError ? error.code : "failed";
  return { busy: "busy", call_over: "ended" }[code] || "failed";
}
