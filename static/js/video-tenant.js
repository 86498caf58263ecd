// The tenant's call: rear camera first, a switch button, microphone on; the staff
// member's voice plays back. Without a camera or WebRTC, the upload form is the way.
import {
  button,
  connect,
  fetchTicket,
  hangUp,
  poll,
  problemFor,
  show,
  supported,
} from "./video-common.js";

const root = document.querySelector("[data-video-tenant]");

async function camera(facing) {
  return navigator.mediaDevices.getUserMedia({
    video: {
      facingMode: { ideal: facing },
      width: { ideal: 640 },
      height: { ideal: 480 },
      frameRate: { ideal: 15, max: 24 },
    },
    audio: facing === null ? false : true,
  });
}

function setUp() {
  if (!root || root.dataset.status === "ended") {
    return;
  }
  if (!supported()) {
    show(root, "no-webrtc");
    return;
  }
  const start = button(root, "start");
  const flip = button(root, "switch");
  const leave = button(root, "leave");
  const preview = root.querySelector("#own-camera");
  const voice = root.querySelector("#staff-voice");
  let pc = null;
  let stream = null;
  let ticket = null;
  let facing = "environment";

  const stop = (message) => {
    if (pc) {
      pc.close();
      pc = null;
    }
    if (stream) {
      stream.getTracks().forEach((track) => track.stop());
    }
    flip.hidden = true;
    leave.hidden = true;
    show(root, message);
  };

  start.hidden = false;
  start.addEventListener("click", async () => {
    start.hidden = true;
    try {
      stream = await camera(facing);
    } catch (error) {
      show(root, "camera-refused");
      start.hidden = false;
      return;
    }
    preview.srcObject = stream;
    show(root, "connecting");
    try {
      ticket = await fetchTicket(root.dataset.ticketUrl);
      pc = new RTCPeerConnection({ iceServers: ticket.ice_servers });
      stream.getTracks().forEach((track) => pc.addTrack(track, stream));
      pc.addEventListener("track", (event) => {
        voice.srcObject = event.streams[0] || new MediaStream([event.track]);
        voice.play().catch(() => undefined);
      });
      pc.addEventListener("connectionstatechange", () => {
        if (pc && pc.connectionState === "connected") {
          show(root, "connected");
        } else if (pc && pc.connectionState === "failed") {
          stop("failed");
          start.hidden = false;
        }
      });
      await connect(pc, ticket);
    } catch (error) {
      stop(problemFor(error));
      start.hidden = false;
      return;
    }
    const cameras = (await navigator.mediaDevices.enumerateDevices()).filter(
      (device) => device.kind === "videoinput",
    );
    flip.hidden = cameras.length < 2;
    leave.hidden = false;
  });

  flip.addEventListener("click", async () => {
    facing = facing === "environment" ? "user" : "environment";
    try {
      const fresh = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: facing }, width: { ideal: 640 }, height: { ideal: 480 } },
      });
      const track = fresh.getVideoTracks()[0];
      const sender = pc.getSenders().find((s) => s.track && s.track.kind === "video");
      await sender.replaceTrack(track);
      stream.getVideoTracks().forEach((old) => {
        old.stop();
        stream.removeTrack(old);
      });
      stream.addTrack(track);
      preview.srcObject = stream;
    } catch (error) {
      facing = facing === "environment" ? "user" : "environment";
    }
  });

  leave.addEventListener("click", async () => {
    if (ticket) {
      await hangUp(ticket);
    }
    stop("left");
    start.hidden = false;
  });

  poll(root.dataset.statusUrl, 4000, (status) => {
    if (status.status === "ended") {
      stop("ended");
      start.hidden = true;
      return false;
    }
    return true;
  });
}

setUp();
