// "Scan": the camera and the browser's own BarcodeDetector read a pairing code's QR code. Only
// offered where the browser has BarcodeDetector (Chrome on Android, for one); elsewhere the code is typed.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

function detectorClass(): BarcodeDetectorConstructor | undefined {
  return (globalThis as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
}

/** Whether this browser can scan a QR code (BarcodeDetector and a camera API). */
export function canScan(): boolean {
  return detectorClass() !== undefined && typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
}

/** How often a frame is looked at. */
const SCAN_EVERY_MS = 250;

export function QrScanner({ onCode, onClose }: { onCode(text: string): void; onClose(): void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState('');
  // The latest callback, so a re-render of the form does not restart the camera.
  const report = useRef(onCode);
  useLayoutEffect(() => {
    report.current = onCode;
  });

  useEffect(() => {
    const Detector = detectorClass();
    if (!Detector) return;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const detector = new Detector({ formats: ['qr_code'] });

    const look = async () => {
      if (stopped || !video.current) return;
      try {
        const found = await detector.detect(video.current);
        const text = found.map((b) => b.rawValue).find((value) => /^rehearse:/i.test(value.trim()));
        if (text && !stopped) {
          report.current(text.trim());
          return;
        }
      } catch {
        // A frame that is not ready yet; the next one is looked at.
      }
      if (!stopped) timer = setTimeout(look, SCAN_EVERY_MS);
    };

    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (opened) => {
        stream = opened;
        if (stopped || !video.current) return;
        video.current.srcObject = opened;
        await video.current.play();
        void look();
      })
      .catch(() => setProblem('The camera could not be opened. Type the code instead, or allow the camera for this app.'));

    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  return (
    <div className="qr-scanner" role="group" aria-label="Scan a pairing code">
      {problem ? (
        <p className="field-error" role="alert">{problem}</p>
      ) : (
        <>
          <video ref={video} muted playsInline aria-label="Camera" />
          <p className="muted">Point the camera at the QR code in Settings → Sync on your other device.</p>
        </>
      )}
      <button type="button" onClick={onClose}>Cancel</button>
    </div>
  );
}
