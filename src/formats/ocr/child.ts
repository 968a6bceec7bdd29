/**
 * The OCR process: ONNX Runtime runs here, in a child process of the extraction worker (./remote.ts), not in the
 * worker thread itself — terminating a worker thread while ONNX Runtime's native code runs aborts the whole process
 * ("terminate called after throwing an instance of 'Napi::Error'"), and the pool terminates a worker at its time limit.
 * A process is killed cleanly with its group. One page per message (advanced serialisation: the image's bytes go as
 * they are); the models are loaded once, at the first page. The process ends when its parent goes away.
 */
import type { Gray } from './image.ts';
import { ocrPage } from './page.ts';

process.on('message', (msg: { id: number; image: Gray; dpi: number }) => {
  ocrPage(msg.image, msg.dpi).then(
    (result) => process.send?.({ id: msg.id, result }),
    (err: unknown) => process.send?.({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
