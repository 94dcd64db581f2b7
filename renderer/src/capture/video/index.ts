import './video.css';

export { InPersonVideoRecorder } from './InPersonVideoRecorder';
export { StoredVideo } from './StoredVideo';
export { InPersonVideoField } from './InPersonVideoField';
