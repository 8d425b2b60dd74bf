"""Train an object detector for shelf products."""
from ultralytics import YOLO

model = YOLO("yolov8n.pt")
model.train(data="shelves.yaml", epochs=100, imgsz=640, device=0)
metrics = model.val()
