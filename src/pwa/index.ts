export { UpdateNotice } from './UpdateNotice.tsx';
export { InstallHint } from './InstallHint.tsx';
export { InstallSection } from './InstallSection.tsx';
export { installState, promptInstall, type InstallState } from './install.ts';
export { applyUpdate, registerServiceWorker, updateState, type UpdateState } from './serviceWorker.ts';
