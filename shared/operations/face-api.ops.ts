// Operations behind the cloud face API: detect on uploaded images, saved face lists.
export const faceApiOps = {};
