"""Fine-tune a YOLOv8 detector on the factory-line defect photos."""
from ultralytics import YOLO

model = YOLO("yolov8m.pt")
model.train(data="defects.yaml", epochs=100, imgsz=640, batch=32, device=0)
metrics = model.val()
model.export(format="onnx")
