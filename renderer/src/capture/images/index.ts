import './images.css';

export { PhotoCapture } from './PhotoCapture';
export { DocumentAttach } from './DocumentAttach';
export { RedactionTool } from './RedactionTool';
export { StoredImage } from './StoredImage';
export { SignaturePad } from './SignaturePad';
