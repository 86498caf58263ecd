// The staff member's call: see and hear the tenant, speak to them, take stills that
// join the repair's photos, end the call; the page follows the call's status.
import {
  button,
  connect,
  csrfToken,
  fetchTicket,
  hangUp,
  poll,
  problemFor,
  show,
  supported,
} from "./video-common.js";

const root = document.querySelector("[data-video-staff]");
const LABELS = { invited: "waiting", joined: "joined" };

function addStill(url, count) {
  const list = root.querySelector("#stills");
  const empty = list.querySelector("[data-empty]");
  if (empty) {
    empty.remove();
  }
  const item = document.createElement("li");
  const image = document.createElement("img");
  image.src = url;
  image.width = 160;
  image.alt = `${root.dataset.stillAlt} ${count}`;
  item.append(image);
  list.append(item);
}

function setUp() {
  if (!root || root.dataset.status === "ended") {
    return;
  }
  if (!supported()) {
    show(root, "no-webrtc");
    return;
  }
  const join = button(root, "join");
  const still = button(root, "still");
  const end = button(root, "end");
  const picture = root.querySelector("#tenant-video");
  let pc = null;
  let stills = root.querySelectorAll("#stills img").length;

  join.hidden = false;
  join.addEventListener("click", async () => {
    join.hidden = true;
    show(root, "connecting");
    let keep = [];
    try {
      const ticket = await fetchTicket(root.dataset.ticketUrl);
      pc = new RTCPeerConnection({ iceServers: ticket.ice_servers });
      pc.addTransceiver("video", { direction: "recvonly" });
      try {
        const microphone = await navigator.mediaDevices.getUserMedia({ audio: true });
        microphone.getTracks().forEach((track) => pc.addTrack(track, microphone));
      } catch (error) {
        pc.addTransceiver("audio", { direction: "recvonly" });
        keep = ["mic-refused"];
      }
      const incoming = new MediaStream();
      pc.addEventListener("track", (event) => {
        incoming.addTrack(event.track);
        picture.srcObject = incoming;
        picture.play().catch(() => undefined);
      });
      pc.addEventListener("connectionstatechange", () => {
        if (pc && pc.connectionState === "connected") {
          show(root, "connected", keep);
        } else if (pc && pc.connectionState === "failed") {
          show(root, "failed");
          join.hidden = false;
        }
      });
      await connect(pc, ticket);
      end.hidden = false;
      still.hidden = false;
    } catch (error) {
      show(root, problemFor(error));
      join.hidden = false;
    }
  });

  picture.addEventListener("resize", () => {
    still.disabled = !(picture.videoWidth > 0);
  });

  still.addEventListener("click", async () => {
    const canvas = document.createElement("canvas");
    canvas.width = picture.videoWidth;
    canvas.height = picture.videoHeight;
    canvas.getContext("2d").drawImage(picture, 0, 0);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.92));
    const response = await fetch(root.dataset.stillsUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "Content-Type": "image/jpeg" },
      body: blob,
    }).catch(() => null);
    if (response && response.ok) {
      stills += 1;
      addStill((await response.json()).url, stills);
      show(root, "still-taken", ["connected"]);
    } else {
      show(root, "still-failed", ["connected"]);
    }
  });

  end.addEventListener("click", async () => {
    end.disabled = true;
    try {
      await hangUp(await fetchTicket(root.dataset.ticketUrl));
    } catch (error) {
      // Already over: the status says so below.
    }
    if (pc) {
      pc.close();
    }
    window.location.assign(`${window.location.pathname}#outcome`);
    window.location.reload();
  });

  poll(root.dataset.statusUrl, 3000, (status) => {
    const label = root.querySelector("#call-status");
    if (status.status === "ended") {
      if (pc) {
        pc.close();
      }
      window.location.reload();
      return false;
    }
    if (!pc && LABELS[status.status]) {
      show(root, LABELS[status.status]);
    }
    if (label && status.label) {
      label.textContent = status.label;
    }
    return true;
  });
}

setUp();
